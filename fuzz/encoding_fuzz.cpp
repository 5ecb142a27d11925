/// The encodings (SPEC §10): detection and decoding of any bytes, then the export encoders on
/// what was decoded. Text that decoded is valid UTF-8 without NUL, so encoding it as UTF-16 and
/// decoding that again gives it back.

#include <cstdint>
#include <cstdlib>
#include <stdexcept>

#include "fuzz_support.hpp"
#include "importers/encoding.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes = jury::fuzz::as_text(data, size);
  const jury::Encoding encoding = jury::fuzz::take_encoding(bytes);
  jury::Diagnostics report;
  const auto decoded = jury::decode_text(bytes, encoding, "fuzz.csv", report);
  if (!decoded) return 0;
  if (decoded->encoding == jury::Encoding::Auto) std::abort();
  const std::string utf16 = jury::encode_text(decoded->utf8, jury::Encoding::Utf16);
  jury::Diagnostics again;
  // A leading U+FEFF would be taken for a BOM and stripped; prepend one so none is lost.
  const auto back =
      jury::decode_text(jury::encode_text("\xEF\xBB\xBF", jury::Encoding::Utf16) + utf16,
                        jury::Encoding::Utf16, "fuzz.csv", again);
  if (!back || back->utf8 != decoded->utf8) std::abort();
  try {
    (void)jury::encode_text(decoded->utf8, jury::Encoding::Gb18030);
  } catch (const std::runtime_error&) {
    // Documented: text GB18030 cannot encode (none expected, but it is not a crash).
  }
  return 0;
}
