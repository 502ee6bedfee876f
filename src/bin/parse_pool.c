/*
 * parse_pool.c — files read and parsed ahead on worker threads, handed to
 * the caller in file order.  Parsing is most of gs-load's own work, and the
 * readers keep no global state, so several files parse at once while the
 * main thread turns finished ones into COPY rows.  At most POOL_WINDOW
 * files are in memory ahead of the caller.
 */
#include "gs_load.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define POOL_WINDOW 64
#define POOL_MAX_THREADS 8

struct gs_parse_pool
{
	pthread_mutex_t mu;
	pthread_cond_t ready_cv;	/* a file finished parsing */
	pthread_cond_t space_cv;	/* the caller released a file, or stop */
	pthread_t	threads[POOL_MAX_THREADS];
	int			n_threads;
	size_t		n_files;
	size_t		next_claim;		/* next file a worker takes */
	size_t		next_consume;	/* next file the caller gets */
	bool		stop;
	gs_parse_fn fn;
	void	   *ctx;
	gs_parsed	slots[POOL_WINDOW];
	bool		ready[POOL_WINDOW];
};

static void *
worker(void *arg)
{
	gs_parse_pool *p = arg;

	pthread_mutex_lock(&p->mu);
	for (;;)
	{
		size_t		i;

		/* file i uses slot i % POOL_WINDOW, free once file i - POOL_WINDOW is released */
		while (!p->stop && p->next_claim < p->n_files && p->next_claim >= p->next_consume + POOL_WINDOW)
			pthread_cond_wait(&p->space_cv, &p->mu);
		if (p->stop || p->next_claim >= p->n_files)
			break;
		i = p->next_claim++;
		pthread_mutex_unlock(&p->mu);
		p->fn(p->ctx, i, &p->slots[i % POOL_WINDOW]);
		pthread_mutex_lock(&p->mu);
		p->ready[i % POOL_WINDOW] = true;
		pthread_cond_broadcast(&p->ready_cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

gs_parse_pool *
gs_parse_pool_start(size_t n_files, int threads, gs_parse_fn fn, void *ctx)
{
	gs_parse_pool *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->ready_cv, NULL);
	pthread_cond_init(&p->space_cv, NULL);
	p->n_files = n_files;
	p->fn = fn;
	p->ctx = ctx;
	if (threads < 1)
		threads = 1;
	if (threads > POOL_MAX_THREADS)
		threads = POOL_MAX_THREADS;
	for (int t = 0; t < threads; t++)
		if (pthread_create(&p->threads[p->n_threads], NULL, worker, p) == 0)
			p->n_threads++;
	if (p->n_threads == 0)
	{
		free(p);
		return NULL;
	}
	return p;
}

gs_parsed *
gs_parse_pool_next(gs_parse_pool *p)
{
	gs_parsed  *e;

	pthread_mutex_lock(&p->mu);
	if (p->next_consume >= p->n_files)
	{
		pthread_mutex_unlock(&p->mu);
		return NULL;
	}
	while (!p->ready[p->next_consume % POOL_WINDOW])
		pthread_cond_wait(&p->ready_cv, &p->mu);
	e = &p->slots[p->next_consume % POOL_WINDOW];
	pthread_mutex_unlock(&p->mu);
	return e;
}

void
gs_parse_pool_release(gs_parse_pool *p, gs_parsed *e)
{
	gs_io_result_free(&e->result);
	pthread_mutex_lock(&p->mu);
	p->ready[p->next_consume % POOL_WINDOW] = false;
	p->next_consume++;
	pthread_cond_broadcast(&p->space_cv);
	pthread_mutex_unlock(&p->mu);
}

void
gs_parse_pool_stop(gs_parse_pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_broadcast(&p->space_cv);
	pthread_mutex_unlock(&p->mu);
	for (int t = 0; t < p->n_threads; t++)
		pthread_join(p->threads[t], NULL);
	/* files parsed ahead that the caller never took */
	for (size_t i = 0; i < POOL_WINDOW; i++)
		if (p->ready[i])
			gs_io_result_free(&p->slots[i].result);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->ready_cv);
	pthread_cond_destroy(&p->space_cv);
	free(p);
}
