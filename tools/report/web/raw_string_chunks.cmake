# Shared by embed_bundles.cmake and tools/server/embed_assets.cmake: a file
# as C++ data, an array of raw string literals of at most 16000 characters
# each (within the 65536 characters every C++ compiler must accept; clang
# warns about longer ones), joined once at run time by the generated source's
# joined(); the delimiter is checked to be absent from the file.
set(delimiter "flowsim_js")
function(bundle_as_cpp variable name file)
  file(READ "${file}" text)
  string(FIND "${text}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw-string delimiter )${delimiter}\"; choose another in ${CMAKE_CURRENT_LIST_FILE}")
  endif()
  string(LENGTH "${text}" length)
  set(out "const char* const ${name}[] = {\n")
  set(at 0)
  while(at LESS length)
    string(SUBSTRING "${text}" ${at} 16000 chunk)
    string(APPEND out "R\"${delimiter}(${chunk})${delimiter}\",\n")
    math(EXPR at "${at} + 16000")
  endwhile()
  string(APPEND out "\"\"};\n")
  set(${variable} "${out}" PARENT_SCOPE)
endfunction()

set(joined_function "template <std::size_t N>
std::string joined(const char* const (&parts)[N]) {
  std::string text;
  for (const auto part : parts) text += part;
  return text;
}")
