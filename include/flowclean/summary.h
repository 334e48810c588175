// The façade for what a run did: the counts, their text and JSON, read
// back and checked (src/report/).
#pragma once

#include "report/summary.h"
#include "report/summary_check.h"
#include "report/summary_json.h"
#include "report/summary_read.h"
#include "report/summary_text.h"
