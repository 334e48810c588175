// What the generic kernels use, included by each simd/<isa>.cc before its
// target region and namespace (simd/target.h says why before).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "rules/ports.h"
#include "rules/protocol.h"
#include "rules/rules.h"
#include "scan/record.h"
#include "simd/batch_rules.h"
#include "simd/json_marks.h"
#include "simd/lister.h"
