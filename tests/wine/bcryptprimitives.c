/* Wine 8 (Debian 12) lacks bcryptprimitives.dll, which Rust's standard library on Windows asks
   for its random numbers (ProcessPrng, Windows 10 and later). This one forwards to the older
   RtlGenRandom, so the test can run mentordesk.exe under that wine; real Windows has its own. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    return SystemFunction036(data, (ULONG)length);
}
