# Turns a compiled gettext catalogue (.mo) into a C++ source that returns its bytes, so the binary
# carries its translations (SPEC §10 "Language") and needs no installed locale.
# Usage: cmake -DINPUT=zh_CN.mo -DOUTPUT=zh_catalogue.cpp -P embed_catalogue.cmake
file(READ "${INPUT}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp" "// Generated from ${INPUT} by cmake/embed_catalogue.cmake; do not edit.
#include \"model/i18n.hpp\"

namespace jury::i18n::detail {
namespace {
const unsigned char kCatalogue[] = {
${bytes}
};
}  // namespace
std::string_view zh_catalogue() {
  return {reinterpret_cast<const char*>(kCatalogue), sizeof kCatalogue};
}
}  // namespace jury::i18n::detail
")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
