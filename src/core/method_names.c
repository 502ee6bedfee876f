#include "method_names.h"

#include <string.h>

gs_status
gs_method_lookup(const char *name, const char *const *names, int count, const char *kind,
				 int *index, gs_error *err)
{
	char		list[GS_ERRMSG_LEN];
	size_t		used = 0;

	for (int i = 0; i < count; i++)
	{
		if (strcmp(name, names[i]) == 0)
		{
			*index = i;
			return GS_OK;
		}
	}
	list[0] = '\0';
	for (int i = 0; i < count && used + 1 < sizeof(list); i++)
	{
		size_t		len = strlen(names[i]);

		if (used + len + 3 >= sizeof(list))
			break;
		if (i > 0)
		{
			memcpy(list + used, ", ", 2);
			used += 2;
		}
		memcpy(list + used, names[i], len);
		used += len;
		list[used] = '\0';
	}
	gs_fail(err, GS_ERR_PARAM, "unknown %s \"%.64s\"", kind, name);
	gs_error_hint(err, "Valid values are: %s.", list);
	return GS_ERR_PARAM;
}
