// SPDX-License-Identifier: MIT
/* planted_circle_b.c - the other half of two rooms that call each other. */
int planted_circle_a(int n);
int planted_circle_b(int n);

int planted_circle_b(int n)
{
	return n ? planted_circle_a(n - 1) : 1;
}
