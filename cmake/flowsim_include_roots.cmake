# One include root per layer, so that the compiler enforces the layering
# tools -> models -> sim (docs/architecture.md, "Layers"). Each root is a
# directory under the build tree holding symbolic links to the source
# directories its layer may see: a sim/ file that includes "models/..."
# finds no such file and fails to compile. Headers are still written as
# #include "sim/x.hpp"; the links keep those paths and the sources in place.
#
#   flowsim_include_root(<root> <source dir>...)
# creates build/include_roots/<root>/ with a link per source directory and
# sets FLOWSIM_INCLUDE_ROOT_<root> to it.
function(flowsim_include_root root)
  set(dir ${PROJECT_BINARY_DIR}/include_roots/${root})
  file(MAKE_DIRECTORY ${dir})
  foreach(source_dir IN LISTS ARGN)
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${source_dir} ${dir}/${source_dir} SYMBOLIC
         RESULT result)
    if(NOT result EQUAL 0)
      message(FATAL_ERROR "flowsim: cannot link ${dir}/${source_dir} to "
                          "${PROJECT_SOURCE_DIR}/${source_dir}: ${result}")
    endif()
  endforeach()
  set(FLOWSIM_INCLUDE_ROOT_${root} ${dir} PARENT_SCOPE)
endfunction()

# The layers, each seeing itself and the ones below.
flowsim_include_root(sim sim)
flowsim_include_root(models sim models)
flowsim_include_root(tools sim models tools)
# Code outside the layers sees its own directory only; it reaches the layers
# through the library it links (a sim test sees sim/ and tests/, no more).
flowsim_include_root(tests tests)
flowsim_include_root(python python)
flowsim_include_root(fuzz fuzz)
flowsim_include_root(benchmarks benchmarks)
