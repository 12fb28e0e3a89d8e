# Test executables link only their own layer and the ones below it (tools ->
# models -> sim): a test of sim/ links nothing of models/ or tools/, a test of
# models/ nothing of tools/. Run by ctest ('test_layers', tests/CMakeLists.txt) as
#   cmake -DLINKS="target:layer:linked,layers|..." -P cmake/check_test_links.cmake
# where 'linked' lists the flowsim layers the target links, directly or not.
# Prints every test that links above its layer, and fails if there is one.
if(NOT DEFINED LINKS OR LINKS STREQUAL "")
  message(FATAL_ERROR "check_test_links: pass -DLINKS=<target:layer:linked|...>")
endif()

set(order sim models tools)
string(REPLACE "|" ";" entries "${LINKS}")
set(violations 0)
set(checked 0)
foreach(entry IN LISTS entries)
  string(REPLACE ":" ";" parts "${entry}")
  list(GET parts 0 target)
  list(GET parts 1 layer)
  list(LENGTH parts n)
  set(linked "")
  if(n GREATER 2)
    list(GET parts 2 linked)
    string(REPLACE "," ";" linked "${linked}")
  endif()
  list(FIND order ${layer} own)
  if(own LESS 0)
    message(SEND_ERROR "check_test_links: ${target}: unknown layer '${layer}'")
    math(EXPR violations "${violations} + 1")
    continue()
  endif()
  foreach(other IN LISTS linked)
    list(FIND order ${other} rank)
    if(rank GREATER own)
      message(SEND_ERROR "${target} (a test of ${layer}/) links ${other}/: link only flowsim::${layer}")
      math(EXPR violations "${violations} + 1")
    endif()
  endforeach()
  math(EXPR checked "${checked} + 1")
endforeach()

if(violations GREATER 0)
  message(FATAL_ERROR "check_test_links: ${violations} link(s) against the layering tools -> models -> sim")
endif()
message(STATUS "check_test_links: ${checked} test executables link only their layer and the ones below")
