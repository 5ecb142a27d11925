#pragma once
/// Statistics per school and per district (`jury export stats FILE`, SPEC §16): what committees
/// count for 优秀组织奖 and 优秀科技辅导员.

#include <string>
#include <vector>

#include "exporters/table.hpp"
#include "model/model.hpp"

namespace jury {

/// Three sheets, 按学校, 按县市区 and 全部, with the columns 名称, 类别, 参赛作品 (the entry's
/// rows in the roster: active entries, ranked or incomplete), 排名作品 (ranked), one column per
/// tier label (the union over the kinds, in kind and tier order), 获奖作品 (holding a tier) and
/// 推荐作品 (SPEC §12 recommended). Per school (the entries' `school`) and per district (their
/// `district`; 未填县市区 when empty, listed last), compared after fold_key and shown as first met
/// in roster order, in Chinese (pinyin) order: one row per kind the school has entries of, in
/// kind order, then a 合计 row. A kind's cell for a tier label it lacks is empty. 全部 holds the
/// same rows for the whole roster, so every column of the 合计 rows of 按学校 (or 按县市区) adds
/// up to 全部's 合计.
TableBook stats_book(const Config& config, const std::vector<Entry>& entries,
                     const Results& decided);

/// The book as one CSV table: a first column 统计口径 (学校, 县市区, 全部), then each sheet's rows.
std::string stats_csv(const TableBook& book);

/// A printable page (A4, print_page) with one table per sheet of the book.
std::string stats_html(const Config& config, const TableBook& book);

}  // namespace jury
