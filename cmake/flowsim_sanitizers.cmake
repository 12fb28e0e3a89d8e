# Sanitizer and fuzzer instrumentation for every target defined after this
# file is included (flowsim's own code; the Debian libraries stay as built).
# -fno-sanitize-recover=all turns every report into an abort, so a test run
# under sanitizers fails on the first report instead of printing and passing.
if(FLOWSIM_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "FLOWSIM_BUILD_FUZZERS needs clang (libFuzzer): configure with "
                        "-DCMAKE_CXX_COMPILER=clang++-14, or use the 'fuzz' preset")
  endif()
  # Libraries get coverage instrumentation without libFuzzer's main();
  # the fuzz targets link -fsanitize=fuzzer themselves (fuzz/CMakeLists.txt).
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
elseif(FLOWSIM_SANITIZE)
  add_compile_options(-fsanitize=${FLOWSIM_SANITIZE} -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${FLOWSIM_SANITIZE})
endif()
