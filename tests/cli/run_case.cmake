# Runs one golden case: flowclean with the arguments in CASE_DIR/args (one
# per line; {work} stands for a scratch folder), stdin from CASE_DIR/stdin.csv
# if present, in CASE_DIR. Then compares byte for byte:
#   expected.csv        standard output
#   expected-stderr.txt standard error
#   expected-exit       exit status (default 0)
#   expected-FILE       {work}/FILE, for every such file
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
file(STRINGS "${CASE_DIR}/args" arg_lines)
set(args "")
foreach(line IN LISTS arg_lines)
  string(REPLACE "{work}" "${WORK_DIR}" line "${line}")
  list(APPEND args "${line}")
endforeach()
set(stdin_option "")
if(EXISTS "${CASE_DIR}/stdin.csv")
  set(stdin_option INPUT_FILE "${CASE_DIR}/stdin.csv")
endif()
execute_process(
  COMMAND "${FLOWCLEAN}" ${args}
  WORKING_DIRECTORY "${CASE_DIR}"
  ${stdin_option}
  OUTPUT_FILE "${WORK_DIR}/stdout"
  ERROR_FILE "${WORK_DIR}/stderr"
  RESULT_VARIABLE exit_code)

set(expected_exit 0)
if(EXISTS "${CASE_DIR}/expected-exit")
  file(READ "${CASE_DIR}/expected-exit" expected_exit)
  string(STRIP "${expected_exit}" expected_exit)
endif()
set(failures "")
if(NOT exit_code STREQUAL expected_exit)
  file(READ "${WORK_DIR}/stderr" stderr_text)
  string(APPEND failures "exit status ${exit_code}, expected ${expected_exit}\nstderr: ${stderr_text}\n")
endif()

function(compare expected actual)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${expected}" "${actual}"
                  RESULT_VARIABLE differs)
  if(differs)
    execute_process(COMMAND diff -u "${expected}" "${actual}" OUTPUT_VARIABLE diff_text)
    set(failures "${failures}${actual} differs from ${expected}:\n${diff_text}\n" PARENT_SCOPE)
  endif()
endfunction()

if(EXISTS "${CASE_DIR}/expected.csv")
  compare("${CASE_DIR}/expected.csv" "${WORK_DIR}/stdout")
endif()
if(EXISTS "${CASE_DIR}/expected-stderr.txt")
  compare("${CASE_DIR}/expected-stderr.txt" "${WORK_DIR}/stderr")
endif()
file(GLOB expected_files RELATIVE "${CASE_DIR}" "${CASE_DIR}/expected-*")
foreach(name IN LISTS expected_files)
  if(name MATCHES "^expected-(exit|stderr\\.txt)$")
    continue()
  endif()
  string(REGEX REPLACE "^expected-" "" produced "${name}")
  if(NOT EXISTS "${WORK_DIR}/${produced}")
    string(APPEND failures "${WORK_DIR}/${produced} was not written\n")
  else()
    compare("${CASE_DIR}/${name}" "${WORK_DIR}/${produced}")
  endif()
endforeach()

if(failures)
  message(FATAL_ERROR "${failures}")
endif()
