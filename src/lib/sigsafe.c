// SPDX-License-Identifier: MIT
/*
 * sigsafe.c - the per-thread chain of critical sections that signal
 * handlers look at (lib/sigsafe.h).
 */
#include "lib/sigsafe.h"

__thread struct ukt_sigsafe_frame *ukt__sigsafe_top __attribute__((tls_model("initial-exec")));
