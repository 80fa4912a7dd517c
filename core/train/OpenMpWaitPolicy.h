#pragma once

namespace ac
{

/**
 * Makes LibTorch's OpenMP worker threads sleep, not spin, between parallel regions.
 *
 * libgomp's default lets idle threads busy-wait; on a 2-core workstation where the GUI, the
 * trainer and other programs share the cores, a 2-thread training then runs about 10× slower
 * (measured: 12.6 s instead of 1.2 s per epoch of the demo study). libgomp reads
 * OMP_WAIT_POLICY only when it is loaded, so when the variable is unset this function sets it to
 * "passive" and re-executes the program once with the same arguments. Call it first thing in
 * main(), before any thread exists. Returns normally when the variable is already set (also
 * after the re-execution) or when re-execution fails.
 */
void ensurePassiveOpenMpWaiting(char** argv);

} // namespace ac
