/// Legacy `.xls` files (BIFF5/BIFF8 in an OLE2 compound file) through FreeXL, which reads the
/// compound file, the shared strings, code pages and date formats. FreeXL opens files by path
/// only, so the bytes the import read (and hashed for the audit log) go to a private temporary
/// file first: the file read is always the file audited.

#include <fcntl.h>
#include <fmt/format.h>
#include <freexl.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "importers/workbook_sheet.hpp"

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

bool encrypted(Report& report, const std::string& file) {
  return workbook_error(report, file, "workbook.encrypted",
                        "the workbook is encrypted (password protected); save a copy without a "
                        "password");
}

std::string freexl_problem(int code) {
  switch (code) {
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
      return "it is not an OLE2 compound file";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
      return "it holds no Excel workbook stream (is it a Word or other Office file?)";
    case FREEXL_CFBF_READ_ERROR:
    case FREEXL_CFBF_SEEK_ERROR:
      return "it is cut short (a read past its end)";
    case FREEXL_CFBF_EMPTY_FAT_CHAIN:
    case FREEXL_CFBF_ILLEGAL_FAT_ENTRY:
    case FREEXL_CFBF_INVALID_SECTOR_SIZE:
    case FREEXL_INVALID_MINI_STREAM:
    case FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
    case FREEXL_CRAFTED_FILE:
      return "its compound file structure is broken";
    case FREEXL_BIFF_INVALID_BOF:
    case FREEXL_BIFF_INVALID_SST:
    case FREEXL_BIFF_ILLEGAL_SST_INDEX:
      return "its workbook records are broken";
    case FREEXL_INSUFFICIENT_MEMORY:
      return "out of memory";
    case FREEXL_UNSUPPORTED_CHARSET:
    case FREEXL_INVALID_CHARACTER:
      return "its text is in an unsupported code page";
    default:
      return fmt::format("FreeXL error {}", code);
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

bool damaged(Report& report, const std::string& file, const std::string& why) {
  return workbook_error(report, file, "workbook.damaged",
                        fmt::format("the workbook (.xls) is damaged: {}", why));
}

bool read_cells(const void* handle, Worksheet& sheet, const std::string& file, Report& report) {
  unsigned int rows = 0;
  unsigned short columns = 0;
  if (freexl_worksheet_dimensions(handle, &rows, &columns) != FREEXL_OK)
    return damaged(report, file, "the worksheet has no readable dimensions");
  for (unsigned int r = 0; r < rows; ++r)
    for (unsigned short c = 0; c < columns; ++c) {
      FreeXL_CellValue value;
      const int code = freexl_get_cell_value(handle, r, c, &value);
      if (code != FREEXL_OK)
        return damaged(report, file,
                       fmt::format("cell {}{} cannot be read ({})", column_letters(c + 1), r + 1,
                                   freexl_problem(code)));
      if (auto cell = cell_of(value, r, c)) sheet.cells.push_back(std::move(*cell));
    }
  return true;
}

}  // namespace

bool read_xls(std::string_view bytes, const std::string& file, const std::string& wanted,
              Worksheet& sheet, Report& report) {
  const TemporaryCopy copy(bytes);
  if (!copy.ok())
    return workbook_error(report, file, "workbook.unreadable",
                          "cannot make a temporary copy of the workbook to read it (is the "
                          "temporary folder writable?)");
  Handle handle;
  const int opened = freexl_open(copy.path().c_str(), handle.out());
  if (holds_encrypted_package(bytes)) return encrypted(report, file);
  if (opened != FREEXL_OK) return damaged(report, file, freexl_problem(opened));
  // FreeXL 1.0 gives up on the RC4-encrypted records that follow a FILEPASS record without an
  // error code: "opened" without a workbook. Its password query reports anything but PLAIN for a
  // protected file that it did read.
  unsigned int protection = 0;
  if (!handle.get())
    return workbook_error(report, file, "workbook.encrypted",
                          "the workbook (.xls) cannot be read: it is encrypted (password "
                          "protected) or damaged; save a copy without a password");
  if (freexl_get_info(handle.get(), FREEXL_BIFF_PASSWORD, &protection) != FREEXL_OK ||
      protection != FREEXL_BIFF_PLAIN)
    return encrypted(report, file);
  unsigned int count = 0;
  if (freexl_get_info(handle.get(), FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
    return damaged(report, file, "its sheets cannot be listed");
  std::vector<std::string> names;
  for (unsigned int i = 0; i < count; ++i) {
    const char* name = nullptr;
    if (freexl_get_worksheet_name(handle.get(), static_cast<unsigned short>(i), &name) !=
            FREEXL_OK ||
        !name)
      return damaged(report, file, "a sheet name cannot be read");
    names.emplace_back(name);
  }
  const auto chosen = choose_sheet(names, wanted, file, report);
  if (!chosen) return false;
  sheet.name = names[*chosen];
  report.set_sheet(file, sheet.name);
  if (freexl_select_active_worksheet(handle.get(), static_cast<unsigned short>(*chosen)) !=
      FREEXL_OK)
    return damaged(report, file, fmt::format("the worksheet {} cannot be read", sheet.name));
  return read_cells(handle.get(), sheet, file, report);
}

}  // namespace jury::workbook_detail
