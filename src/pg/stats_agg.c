/*
 * stats_agg.c — the aggregate gs_stats_agg: per-point statistics of many
 * spectra in one pass, parallel safe (partial states merge by Chan's rule
 * and travel between processes serialized as bytea).
 *
 * gs_stats_agg(s) takes the grid of the first spectrum and accepts only
 * spectra on that grid: "first" depends on the plan (each parallel worker
 * has its own first row), so resampling onto it would make the answer
 * depend on the plan.  gs_stats_agg(s, grid_start, grid_step, grid_npoints)
 * names the grid and resamples every other spectrum onto it linearly
 * (running_stats.h); gs_stats_agg(st gs_stats) pools statistics blocks.
 */
#include "stats.h"

#include "funcapi.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(gs_pg_stats_agg_trans);
PG_FUNCTION_INFO_V1(gs_pg_stats_agg_grid_trans);
PG_FUNCTION_INFO_V1(gs_pg_stats_agg_merge_trans);
PG_FUNCTION_INFO_V1(gs_pg_stats_agg_combine);
PG_FUNCTION_INFO_V1(gs_pg_stats_agg_serialize);
PG_FUNCTION_INFO_V1(gs_pg_stats_agg_deserialize);
PG_FUNCTION_INFO_V1(gs_pg_stats_agg_final);

typedef struct stats_state
{
	gs_pg_stats s;
	bool		grid_given;		/* resample spectra that are not on the grid */
} stats_state;

/* The serialized state: this header, then mean[npoints], then m2[npoints]. */
typedef struct stats_wire
{
	int32		unit;
	int32		grid_given;
	int64		npoints;
	double		start;
	double		step;
	double		n;
} stats_wire;

static MemoryContext
agg_context(FunctionCallInfo fcinfo)
{
	MemoryContext cxt;

	if (!AggCheckCallContext(fcinfo, &cxt))
		elog(ERROR, "gs_stats_agg support function called outside an aggregate");
	return cxt;
}

static stats_state *
state_new(MemoryContext cxt, gs_unit unit, const gs_grid *grid, bool grid_given)
{
	stats_state *state = MemoryContextAllocZero(cxt, sizeof(stats_state));
	gs_error	err;

	if (gs_grid_check(grid, &err) != GS_OK ||
		gs_check_npoints(grid->npoints, (size_t) gs_max_points, &err) != GS_OK)
		gs_pg_report(&err);
	state->s.unit = unit;
	state->s.grid = *grid;
	state->grid_given = grid_given;
	state->s.st.npoints = grid->npoints;
	state->s.st.mean = MemoryContextAllocExtended(cxt, 2 * grid->npoints * sizeof(double),
												  MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	state->s.st.m2 = state->s.st.mean + grid->npoints;
	return state;
}

static void
check_same_grid(const stats_state *a, gs_unit unit, const gs_grid *g)
{
	if (a->s.unit != unit)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("gs_stats_agg cannot mix axis units %s and %s",
					   gs_unit_name(a->s.unit), gs_unit_name(unit)),
				errhint("Aggregate each unit separately, or convert with gs_convert_axis."));
	if (!gs_grid_equal(&a->s.grid, g))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("gs_stats_agg got spectra on different grids"),
				errdetail("One grid starts at %.17g with step %.17g and %zu points; another starts at %.17g with step %.17g and %zu points.",
						  a->s.grid.start, a->s.grid.step, a->s.grid.npoints,
						  g->start, g->step, g->npoints),
				errhint("Name the grid: gs_stats_agg(s, grid_start, grid_step, grid_npoints) resamples every spectrum onto it."));
}

static void
explicit_axis_error(void)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("gs_stats_agg(spectrum) needs spectra on a uniform axis"),
			errhint("Name a grid: gs_stats_agg(s, grid_start, grid_step, grid_npoints) resamples explicit axes onto it."));
}

/* Runs in the per-row memory context, which frees the resampling buffers. */
static void
add_spectrum(stats_state *state, const gs_spectrum_view *v)
{
	gs_grid		own = {v->start, v->step, v->n};
	double	   *values;
	gs_error	err;

	if (v->unit != state->s.unit)
		check_same_grid(state, v->unit, &state->s.grid);
	if (!v->x && gs_grid_equal(&own, &state->s.grid))
	{
		gs_rstats_add_float(&state->s.st, v->y);
		return;
	}
	if (!state->grid_given)
	{
		if (v->x)
			explicit_axis_error();
		check_same_grid(state, v->unit, &own);
	}
	values = palloc_extended(state->s.grid.npoints * sizeof(double), MCXT_ALLOC_HUGE);
	if (gs_grid_sample(v, &state->s.grid, values,
					   palloc_extended(gs_grid_sample_scratch_size(v->n, &state->s.grid), MCXT_ALLOC_HUGE),
					   &err) != GS_OK)
		gs_pg_report(&err);
	gs_rstats_add(&state->s.st, values);
}

/* gs_stats_agg(s spectrum): the grid of the first spectrum */
Datum
gs_pg_stats_agg_trans(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = agg_context(fcinfo);
	stats_state *state = PG_ARGISNULL(0) ? NULL : (stats_state *) PG_GETARG_POINTER(0);
	gs_spectrum_view v;

	if (PG_ARGISNULL(1))
	{
		if (!state)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	v = gs_packed_view(PG_GETARG_SPECTRUM_P(1));
	if (!state)
	{
		if (v.x)
			explicit_axis_error();
		state = state_new(cxt, v.unit, &(gs_grid) {v.start, v.step, v.n}, false);
	}
	add_spectrum(state, &v);
	PG_RETURN_POINTER(state);
}

/* gs_stats_agg(s spectrum, grid_start float8, grid_step float8, grid_npoints int) */
Datum
gs_pg_stats_agg_grid_trans(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = agg_context(fcinfo);
	stats_state *state = PG_ARGISNULL(0) ? NULL : (stats_state *) PG_GETARG_POINTER(0);
	gs_spectrum_view v;
	gs_grid		grid;

	if (PG_ARGISNULL(2) || PG_ARGISNULL(3) || PG_ARGISNULL(4))
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("grid_start, grid_step and grid_npoints of gs_stats_agg must not be NULL"));
	grid.start = PG_GETARG_FLOAT8(2);
	grid.step = PG_GETARG_FLOAT8(3);
	grid.npoints = PG_GETARG_INT32(4) > 0 ? (size_t) PG_GETARG_INT32(4) : 0;
	if (PG_ARGISNULL(1))
	{
		if (!state)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	v = gs_packed_view(PG_GETARG_SPECTRUM_P(1));
	if (!state)
		state = state_new(cxt, v.unit, &grid, true);
	else if (!gs_grid_equal(&grid, &state->s.grid))
		check_same_grid(state, state->s.unit, &grid);
	add_spectrum(state, &v);
	PG_RETURN_POINTER(state);
}

/* gs_stats_agg(st gs_stats): pools blocks on one grid */
Datum
gs_pg_stats_agg_merge_trans(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = agg_context(fcinfo);
	stats_state *state = PG_ARGISNULL(0) ? NULL : (stats_state *) PG_GETARG_POINTER(0);
	gs_pg_stats in;

	if (PG_ARGISNULL(1))
	{
		if (!state)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	gs_pg_stats_read(PG_GETARG_HEAPTUPLEHEADER(1), "gs_stats value", &in);
	if (!state)
		state = state_new(cxt, in.unit, &in.grid, false);
	check_same_grid(state, in.unit, &in.grid);
	gs_rstats_merge(&state->s.st, &in.st);
	PG_RETURN_POINTER(state);
}

Datum
gs_pg_stats_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = agg_context(fcinfo);
	stats_state *a = PG_ARGISNULL(0) ? NULL : (stats_state *) PG_GETARG_POINTER(0);
	stats_state *b = PG_ARGISNULL(1) ? NULL : (stats_state *) PG_GETARG_POINTER(1);

	if (!b)
	{
		if (!a)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	/* b may live in a shorter-lived context: the first state is copied in */
	if (!a)
		a = state_new(cxt, b->s.unit, &b->s.grid, b->grid_given);
	check_same_grid(a, b->s.unit, &b->s.grid);
	gs_rstats_merge(&a->s.st, &b->s.st);
	PG_RETURN_POINTER(a);
}

Datum
gs_pg_stats_agg_serialize(PG_FUNCTION_ARGS)
{
	stats_state *state;
	stats_wire	w;
	size_t		arrays,
				size;
	bytea	   *out;

	agg_context(fcinfo);
	state = (stats_state *) PG_GETARG_POINTER(0);
	arrays = 2 * state->s.grid.npoints * sizeof(double);
	size = VARHDRSZ + sizeof(w) + arrays;
	w.unit = state->s.unit;
	w.grid_given = state->grid_given;
	w.npoints = (int64) state->s.grid.npoints;
	w.start = state->s.grid.start;
	w.step = state->s.grid.step;
	w.n = state->s.st.n;
	out = palloc_extended(size, MCXT_ALLOC_HUGE);
	SET_VARSIZE(out, size);
	memcpy(VARDATA(out), &w, sizeof(w));
	/* mean and m2 are one allocation (state_new) */
	memcpy(VARDATA(out) + sizeof(w), state->s.st.mean, arrays);
	PG_RETURN_BYTEA_P(out);
}

Datum
gs_pg_stats_agg_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *in = PG_GETARG_BYTEA_PP(0);
	stats_wire	w;
	stats_state *state;

	agg_context(fcinfo);
	if (VARSIZE_ANY_EXHDR(in) < sizeof(w))
		elog(ERROR, "gs_stats_agg: truncated partial state");
	memcpy(&w, VARDATA_ANY(in), sizeof(w));
	if (w.npoints < 1 || VARSIZE_ANY_EXHDR(in) != sizeof(w) + 2 * (size_t) w.npoints * sizeof(double)
		|| w.unit < 0 || w.unit >= GS_UNIT_COUNT)
		elog(ERROR, "gs_stats_agg: corrupt partial state");
	state = state_new(CurrentMemoryContext, (gs_unit) w.unit,
					  &(gs_grid) {w.start, w.step, (size_t) w.npoints}, w.grid_given != 0);
	state->s.st.n = w.n;
	memcpy(state->s.st.mean, VARDATA_ANY(in) + sizeof(w), 2 * (size_t) w.npoints * sizeof(double));
	PG_RETURN_POINTER(state);
}

Datum
gs_pg_stats_agg_final(PG_FUNCTION_ARGS)
{
	stats_state *state;

	agg_context(fcinfo);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (stats_state *) PG_GETARG_POINTER(0);
	PG_RETURN_DATUM(gs_pg_stats_datum(fcinfo, &state->s));
}
