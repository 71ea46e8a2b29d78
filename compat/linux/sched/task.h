/* SPDX-License-Identifier: MIT */
/*
 * linux/sched/task.h - task references: get_task_struct() and
 * put_task_struct().
 */
#ifndef UKT_COMPAT_LINUX_SCHED_TASK_H
#define UKT_COMPAT_LINUX_SCHED_TASK_H

#include <linux/sched.h>

#endif /* UKT_COMPAT_LINUX_SCHED_TASK_H */
