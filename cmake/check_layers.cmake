# The layers may only look down: sim/ (the engine) includes nothing of
# models/ or tools/, and models/ (patient flow) nothing of tools/. Run as
#   cmake -DROOT=<a source tree> -P cmake/check_layers.cmake
# Prints every include that looks up a layer, with its file and line, and
# fails if there is one. ctest runs it on the source tree (test 'layers')
# and on a tree that breaks both rules, which must fail ('layers_detects').
if(NOT ROOT)
  message(FATAL_ERROR "check_layers: pass -DROOT=<source tree>")
endif()

set(violations 0)
foreach(rule "sim:models|tools" "models:tools")
  string(REPLACE ":" ";" parts "${rule}")
  list(GET parts 0 layer)
  list(GET parts 1 forbidden)
  file(GLOB_RECURSE sources "${ROOT}/${layer}/*.hpp" "${ROOT}/${layer}/*.cpp")
  foreach(source IN LISTS sources)
    file(STRINGS "${source}" lines)
    set(number 0)
    foreach(line IN LISTS lines)
      math(EXPR number "${number} + 1")
      if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*[\"<](${forbidden})/")
        file(RELATIVE_PATH shown "${ROOT}" "${source}")
        message(SEND_ERROR "${shown}:${number}: ${layer}/ must not include ${CMAKE_MATCH_1}/: ${line}")
        math(EXPR violations "${violations} + 1")
      endif()
    endforeach()
  endforeach()
endforeach()

if(violations GREATER 0)
  message(FATAL_ERROR "check_layers: ${violations} include(s) against the layering tools -> models -> sim")
endif()
message(STATUS "check_layers: sim/ and models/ include only their own layer and the ones below")
