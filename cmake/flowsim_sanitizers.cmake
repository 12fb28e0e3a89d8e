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
# Eigen picks its allocator by whether AddressSanitizer is on in the file
# (Eigen/src/Core/util/Memory.h), and the files below compiled without it
# (flowsim_unsanitized_sources) use Eigen too: one allocator for every file,
# or a matrix allocated by one and freed by the other is a heap overflow.
if(FLOWSIM_SANITIZE OR FLOWSIM_BUILD_FUZZERS)
  add_compile_definitions(EIGEN_MALLOC_ALREADY_ALIGNED=0)
endif()

# flowsim_unsanitized_sources(TARGET REGEX): in sanitizer and fuzz builds,
# compile the target's sources matching REGEX at -O0 without instrumentation.
# For presentation code (the HTML report, the web server's pages) that the
# sanitizer test programs never call: instrumenting it at -O1 cost about four
# times the compile time of -O0 (tools/report/run_report.cpp: 33 s of CPU
# against 8 s) for no check. The code still links into the instrumented
# binaries, which is allowed; it is tested in the release build.
function(flowsim_unsanitized_sources target regex)
  if(NOT (FLOWSIM_SANITIZE OR FLOWSIM_BUILD_FUZZERS))
    return()
  endif()
  get_target_property(sources ${target} SOURCES)
  list(FILTER sources INCLUDE REGEX "${regex}")
  set_source_files_properties(${sources} TARGET_DIRECTORY ${target}
    PROPERTIES COMPILE_OPTIONS "-fno-sanitize=all;-O0;-g0")
endfunction()
