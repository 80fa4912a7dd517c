#pragma once

namespace ac
{

/**
 * Settings that the C and OpenMP run-time libraries read only when a program starts:
 *
 * - `OMP_WAIT_POLICY=passive`: LibTorch's OpenMP worker threads sleep, not spin, between
 *   parallel regions. libgomp's default lets idle threads busy-wait; on a 2-core workstation
 *   where the GUI, the trainer and other programs share the cores, a 2-thread training then ran
 *   about 10× slower (12.6 s instead of 1.2 s per epoch of the demo study).
 * - `glibc.malloc.hugetlb=1` added to `GLIBC_TUNABLES`: glibc's malloc asks for transparent huge
 *   pages for its large blocks (madvise), so filling a cell's 40 MB of X faults in 20 pages
 *   instead of 10,000; where page faults are dear (virtual machines) this halved the CSV import
 *   (bench import: 0.34 s → 0.16 s).
 *
 * setRuntimeEnvironment() puts both in this process's environment, for the programs it starts:
 * the launchers `attentivechrome` and `attentivechrome-cli` call it before they execute the
 * program that loads LibTorch, so that program starts once, already with the settings. A
 * variable the user set is kept (a tunable list gets the malloc tunable appended unless it names
 * it). Returns true when it changed either variable. Not thread-safe (setenv): call it before
 * any thread exists.
 */
bool setRuntimeEnvironment();

/**
 * setRuntimeEnvironment(), and when that changed anything, re-executes this program once with
 * the same arguments so that its own run-time libraries see the settings. Call first thing in
 * main(), before any thread exists. Returns normally when nothing needed changing (also after
 * the re-execution, or when started by a launcher) or when re-execution fails.
 */
void ensureRuntimeEnvironment(char** argv);

} // namespace ac
