/// Legacy `.xls` files (BIFF5/BIFF8 in an OLE2 compound file) through FreeXL, which reads the
/// compound file, the shared strings, code pages and date formats. FreeXL opens files by path
/// only, so the bytes the import read (and hashed for the audit log) go to a private temporary
/// file first: the file read is always the file audited. FreeXL 1.0.6 overflows a buffer on its
/// stack for some damaged files (fuzz/corpus/entries/freexl-stack-overflow.xls), so it runs in a
/// child process (child_process.hpp) that sends back what it read; a crash there makes the file
/// "damaged", never jury's.

#include <fcntl.h>
#include <fmt/format.h>
#include <freexl.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <memory>

#include "importers/child_process.hpp"
#include "importers/workbook_sheet.hpp"
#include "model/i18n.hpp"

namespace jury::workbook_detail {

namespace {

/// A temporary copy of the bytes, removed again when done.
class TemporaryCopy {
 public:
  explicit TemporaryCopy(std::string_view bytes) {
    std::error_code ec;
    path_ = (std::filesystem::temp_directory_path(ec) / "jury-xls-XXXXXX").string();
    const int fd = mkstemp(path_.data());
    if (fd < 0) {
      path_.clear();
      return;
    }
    std::size_t written = 0;
    while (written < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
      if (n <= 0) break;
      written += static_cast<std::size_t>(n);
    }
    ok_ = ::close(fd) == 0 && written == bytes.size();
  }
  TemporaryCopy(const TemporaryCopy&) = delete;
  TemporaryCopy& operator=(const TemporaryCopy&) = delete;
  ~TemporaryCopy() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  bool ok() const { return ok_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  bool ok_ = false;
};

/// A FreeXL handle, closed when done (FreeXL wants a close even after a failed open).
class Handle {
 public:
  Handle() = default;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() {
    if (handle_) freexl_close(handle_);
  }
  const void** out() { return &handle_; }
  const void* get() const { return handle_; }

 private:
  const void* handle_ = nullptr;
};

/// An encrypted .xlsx is an OLE2 file holding the streams EncryptionInfo and EncryptedPackage
/// (MS-OFFCRYPTO); their names are stored in UTF-16LE in the compound file's directory.
bool holds_encrypted_package(std::string_view bytes) {
  static const std::string name = [] {
    std::string utf16;
    for (const char c : std::string_view("EncryptionInfo")) {
      utf16 += c;
      utf16 += '\0';
    }
    return utf16;
  }();
  return bytes.find(name) != std::string_view::npos;
}

std::string freexl_problem(int code) {
  switch (code) {
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
      return i18n::tr("it is not an OLE2 compound file");
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
      return i18n::tr("it holds no Excel workbook stream (is it a Word or other Office file?)");
    case FREEXL_CFBF_READ_ERROR:
    case FREEXL_CFBF_SEEK_ERROR:
      return i18n::tr("it is cut short (a read past its end)");
    case FREEXL_CFBF_EMPTY_FAT_CHAIN:
    case FREEXL_CFBF_ILLEGAL_FAT_ENTRY:
    case FREEXL_CFBF_INVALID_SECTOR_SIZE:
    case FREEXL_INVALID_MINI_STREAM:
    case FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
    case FREEXL_CRAFTED_FILE:
      return i18n::tr("its compound file structure is broken");
    case FREEXL_BIFF_INVALID_BOF:
    case FREEXL_BIFF_INVALID_SST:
    case FREEXL_BIFF_ILLEGAL_SST_INDEX:
      return i18n::tr("its workbook records are broken");
    case FREEXL_INSUFFICIENT_MEMORY:
      return i18n::tr("out of memory");
    case FREEXL_UNSUPPORTED_CHARSET:
    case FREEXL_INVALID_CHARACTER:
      return i18n::tr("its text is in an unsupported code page");
    default:
      return i18n::trf("FreeXL error {}", code);
  }
}

/// FreeXL's cell value as Excel shows it.
std::optional<SheetCell> cell_of(const FreeXL_CellValue& value, std::uint32_t row,
                                 std::uint32_t column) {
  SheetCell cell{row, column, CellKind::Text, {}};
  switch (value.type) {
    case FREEXL_CELL_INT:
      cell.kind = CellKind::Number;
      cell.text = std::to_string(value.value.int_value);
      break;
    case FREEXL_CELL_DOUBLE:
      cell.kind = CellKind::Number;
      cell.text = number_text(value.value.double_value);
      break;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
      cell.text = value.value.text_value ? value.value.text_value : "";
      break;
    case FREEXL_CELL_DATE:      // YYYY-MM-DD
    case FREEXL_CELL_DATETIME:  // YYYY-MM-DD HH:MM:SS
    case FREEXL_CELL_TIME:      // HH:MM:SS
      cell.kind = CellKind::Date;
      cell.text = value.value.text_value ? value.value.text_value : "";
      if (value.type == FREEXL_CELL_DATETIME && cell.text.ends_with(" 00:00:00"))
        cell.text.resize(10);
      break;
    default:
      return std::nullopt;
  }
  if (cell.text.empty()) return std::nullopt;
  return cell;
}

/// What FreeXL read of a workbook, sent from the child process: the sheets' names, the sheet
/// chosen by `wanted` (none when choose_sheet refuses) and its cells, or the whole-file error
/// that stopped the reading (before or after the choice).
struct XlsReading {
  std::string error_code;  ///< empty when read
  std::string error_message;
  std::vector<std::string> names;
  std::optional<std::size_t> chosen;
  std::vector<SheetCell> cells;
};

XlsReading failed(std::string code, std::string message, XlsReading reading = {}) {
  reading.error_code = std::move(code);
  reading.error_message = std::move(message);
  return reading;
}

XlsReading damaged(const std::string& why, XlsReading reading = {}) {
  return failed("workbook.damaged", i18n::trf("the workbook (.xls) is damaged: {}", why),
                std::move(reading));
}

XlsReading encrypted() {
  return failed("workbook.encrypted",
                i18n::tr("the workbook is encrypted (password protected); save a copy without a "
                         "password"));
}

/// The cells of the active worksheet into `reading`; false after recording why not.
bool read_cells(const void* handle, XlsReading& reading) {
  unsigned int rows = 0;
  unsigned short columns = 0;
  if (freexl_worksheet_dimensions(handle, &rows, &columns) != FREEXL_OK) {
    reading = damaged(i18n::tr("the worksheet has no readable dimensions"), std::move(reading));
    return false;
  }
  for (unsigned int r = 0; r < rows; ++r)
    for (unsigned short c = 0; c < columns; ++c) {
      FreeXL_CellValue value;
      const int code = freexl_get_cell_value(handle, r, c, &value);
      if (code != FREEXL_OK) {
        reading = damaged(i18n::trf("cell {}{} cannot be read ({})", column_letters(c + 1), r + 1,
                                    freexl_problem(code)),
                          std::move(reading));
        return false;
      }
      if (auto cell = cell_of(value, r, c)) reading.cells.push_back(std::move(*cell));
    }
  return true;
}

/// The sheets' names of an opened workbook; false after recording why not.
bool read_names(const void* handle, XlsReading& reading) {
  unsigned int count = 0;
  if (freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK) {
    reading = damaged(i18n::tr("its sheets cannot be listed"));
    return false;
  }
  for (unsigned int i = 0; i < count; ++i) {
    const char* name = nullptr;
    if (freexl_get_worksheet_name(handle, static_cast<unsigned short>(i), &name) != FREEXL_OK ||
        !name) {
      reading = damaged(i18n::tr("a sheet name cannot be read"));
      return false;
    }
    reading.names.emplace_back(name);
  }
  return true;
}

/// Everything FreeXL is asked for, in the child process.
XlsReading read_with_freexl(const std::string& path, std::string_view bytes,
                            const std::string& wanted) {
  Handle handle;
  const int opened = freexl_open(path.c_str(), handle.out());
  if (holds_encrypted_package(bytes)) return encrypted();
  if (opened != FREEXL_OK) return damaged(freexl_problem(opened));
  // FreeXL 1.0 gives up on the RC4-encrypted records that follow a FILEPASS record without an
  // error code: "opened" without a workbook. Its password query reports anything but PLAIN for a
  // protected file that it did read.
  unsigned int protection = 0;
  if (!handle.get())
    return failed("workbook.encrypted",
                  i18n::tr("the workbook (.xls) cannot be read: it is encrypted (password "
                           "protected) or damaged; save a copy without a password"));
  if (freexl_get_info(handle.get(), FREEXL_BIFF_PASSWORD, &protection) != FREEXL_OK ||
      protection != FREEXL_BIFF_PLAIN)
    return encrypted();
  XlsReading reading;
  if (!read_names(handle.get(), reading)) return reading;
  Diagnostics unused;  // the parent reports a refused choice, from the same names
  reading.chosen = choose_sheet(reading.names, wanted, path, unused);
  if (!reading.chosen) return reading;
  if (freexl_select_active_worksheet(handle.get(), static_cast<unsigned short>(*reading.chosen)) !=
      FREEXL_OK) {
    std::string why = i18n::trf("the worksheet {} cannot be read", reading.names[*reading.chosen]);
    return damaged(why, std::move(reading));
  }
  read_cells(handle.get(), reading);
  return reading;
}

// The reading crosses the pipe as length-prefixed fields (native byte order: same machine).

void put_number(std::string& out, std::uint64_t value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void put_text(std::string& out, std::string_view text) {
  put_number(out, text.size());
  out.append(text);
}

std::string encode(const XlsReading& reading) {
  std::string out;
  put_text(out, reading.error_code);
  put_text(out, reading.error_message);
  put_number(out, reading.names.size());
  for (const auto& name : reading.names) put_text(out, name);
  put_number(out, reading.chosen ? *reading.chosen + 1 : 0);
  put_number(out, reading.cells.size());
  for (const auto& cell : reading.cells) {
    put_number(out, cell.row);
    put_number(out, cell.column);
    put_number(out, static_cast<std::uint64_t>(cell.kind));
    put_text(out, cell.text);
  }
  return out;
}

/// Reads back what encode() wrote; any shortfall or excess makes the whole reading invalid.
class Decoder {
 public:
  explicit Decoder(std::string_view bytes) : rest_(bytes) {}

  std::uint64_t number() {
    std::uint64_t value = 0;
    if (rest_.size() < sizeof value) {
      valid_ = false;
      return 0;
    }
    std::memcpy(&value, rest_.data(), sizeof value);
    rest_.remove_prefix(sizeof value);
    return value;
  }
  std::string text() {
    const std::uint64_t size = number();
    if (size > rest_.size()) {
      valid_ = false;
      return {};
    }
    std::string value(rest_.substr(0, size));
    rest_.remove_prefix(size);
    return value;
  }
  /// A count of items of at least `item_size` bytes each that can still follow.
  std::uint64_t count(std::size_t item_size) {
    const std::uint64_t n = number();
    if (n > rest_.size() / item_size) valid_ = false;
    return valid_ ? n : 0;
  }
  bool valid_to_end() const { return valid_ && rest_.empty(); }

 private:
  std::string_view rest_;
  bool valid_ = true;
};

std::optional<XlsReading> decode(std::string_view bytes) {
  Decoder in(bytes);
  XlsReading reading;
  reading.error_code = in.text();
  reading.error_message = in.text();
  for (std::uint64_t n = in.count(8); n > 0; --n) reading.names.push_back(in.text());
  if (const std::uint64_t chosen = in.number(); chosen > 0) reading.chosen = chosen - 1;
  for (std::uint64_t n = in.count(32); n > 0; --n) {
    SheetCell cell;
    cell.row = static_cast<std::uint32_t>(in.number());
    cell.column = static_cast<std::uint32_t>(in.number());
    const std::uint64_t kind = in.number();
    if (kind > static_cast<std::uint64_t>(CellKind::Date)) return std::nullopt;
    cell.kind = static_cast<CellKind>(kind);
    cell.text = in.text();
    reading.cells.push_back(std::move(cell));
  }
  if (!in.valid_to_end()) return std::nullopt;
  if (reading.chosen && *reading.chosen >= reading.names.size()) return std::nullopt;
  return reading;
}

bool report_damaged(Diagnostics& report, const std::string& file, const std::string& why) {
  return workbook_error(report, file, "workbook.damaged",
                        i18n::trf("the workbook (.xls) is damaged: {}", why));
}

}  // namespace

bool read_xls(std::string_view bytes, const std::string& file, const std::string& wanted,
              Worksheet& sheet, Diagnostics& report) {
  const TemporaryCopy copy(bytes);
  if (!copy.ok())
    return workbook_error(report, file, "workbook.unreadable",
                          i18n::tr("cannot make a temporary copy of the workbook to read it (is "
                                   "the temporary folder writable?)"));
  const ChildOutcome outcome =
      run_in_child([&] { return encode(read_with_freexl(copy.path(), bytes, wanted)); });
  if (!outcome.finished)
    return report_damaged(
        report, file,
        i18n::trf("FreeXL, the library that reads .xls files, failed on it: {}", outcome.failure));
  auto reading = decode(outcome.bytes);
  if (!reading)
    return report_damaged(report, file, i18n::tr("FreeXL's reading of it arrived incomplete"));
  if (reading->chosen) {
    // The same choice as in the child, now with the diagnostics naming the sheet.
    sheet.name = reading->names[*reading->chosen];
    report.set_sheet(file, sheet.name);
  } else if (reading->error_code.empty()) {
    return choose_sheet(reading->names, wanted, file, report).has_value();
  }
  if (!reading->error_code.empty())
    return workbook_error(report, file, reading->error_code, reading->error_message);
  sheet.cells = std::move(reading->cells);
  return true;
}

}  // namespace jury::workbook_detail
