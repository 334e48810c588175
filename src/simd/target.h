// A target region: every function defined between FLOWCLEAN_TARGET_REGION
// and FLOWCLEAN_END_TARGET_REGION is compiled for the instruction sets
// named, as simdjson's haswell.cpp and icelake.cpp do. Only the kernels in
// the region use them; the rest of the file, and the standard library
// headers included before it, stay at the build's baseline, so nothing a
// CPU lacks can leak into code every CPU runs.
#pragma once

#define FLOWCLEAN_PRAGMA(text) _Pragma(#text)

#if defined(__clang__)
#define FLOWCLEAN_TARGET_REGION(features)                                  \
  FLOWCLEAN_PRAGMA(clang attribute push(__attribute__((target(features))), \
                                        apply_to = function))
#define FLOWCLEAN_END_TARGET_REGION _Pragma("clang attribute pop")
#else
#define FLOWCLEAN_TARGET_REGION(features) \
  _Pragma("GCC push_options") FLOWCLEAN_PRAGMA(GCC target(features))
#define FLOWCLEAN_END_TARGET_REGION _Pragma("GCC pop_options")
#endif
