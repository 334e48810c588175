# Cross-compiling for aarch64 Linux with Debian's g++-aarch64-linux-gnu and
# the arm64 multiarch -dev packages (dpkg --add-architecture arm64); tests
# run under qemu-user. Used by the aarch64 preset (CMakePresets.json).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
# Libraries and packages of arm64 only; header-only packages (CLI11,
# Catch2, nlohmann-json, fccp) are found where Debian puts them for all.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
# libc6:arm64 puts the aarch64 loader and libraries where qemu finds them.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64)
