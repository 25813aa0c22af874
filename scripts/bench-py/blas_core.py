"""Prints the kernel set ("core") NumPy's OpenBLAS runs in this process, e.g. Haswell, or Prescott: OpenBLAS's
generic fallback for a CPU it does not know. With --describe: NumPy's version, OpenBLAS's build line, the core and
its thread count, in one line. Usage: python3 blas_core.py [--describe]"""
import ctypes
import sys

import numpy as np


def openblas():
    """The OpenBLAS that importing NumPy loaded (Debian: libblas.so.3 is OpenBLAS; wheels: libopenblas*), or None."""
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and ".so" in line})
    for path in paths:
        lib = ctypes.CDLL(path)
        for suffix in ("", "64_"):  # wheels with 64-bit integers suffix every symbol
            if hasattr(lib, "openblas_get_corename" + suffix):
                return lib, suffix
    return None, None


def call(lib, name, restype):
    function = getattr(lib, name)
    function.restype = restype
    return function()


def main():
    lib, suffix = openblas()
    if lib is None:
        print("unknown (no OpenBLAS loaded)")
        return
    core = call(lib, "openblas_get_corename" + suffix, ctypes.c_char_p).decode()
    if "--describe" in sys.argv[1:]:
        config = call(lib, "openblas_get_config" + suffix, ctypes.c_char_p).decode().strip()
        threads = call(lib, "openblas_get_num_threads" + suffix, ctypes.c_int)
        print(f"numpy {np.__version__}, {config}, core {core}, {threads} threads")
    else:
        print(core)


if __name__ == "__main__":
    main()
