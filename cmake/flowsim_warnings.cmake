# Warnings for flowsim's own targets (not for the libraries it uses).
function(flowsim_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion
                                           -Wno-missing-field-initializers)
  # GCC 12 reports -Wrestrict inside libstdc++ wherever `"text" + std::string`
  # is inlined (GCC bug 105329, a false positive fixed in GCC 13): the
  # warning points into <string>, not at anything of ours.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(FLOWSIM_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
