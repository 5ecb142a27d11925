#pragma once
/// Award certificates (`jury export certificates FILE`, SPEC §16): one row per person of every
/// entry that holds a tier, for the office's certificate printing.

#include <vector>

#include "exporters/table.hpp"
#include "model/model.hpp"

namespace jury {

/// One sheet 获奖证书 with the columns 证书编号, 姓名, 身份, 学校, 作品编号, 作品名称, 类别, 组别,
/// 奖项. Rows: the decided entries holding a tier in roster order (roster_rows), each with its
/// students (学生) then advisors (指导教师), or for a kind without students its advisors as
/// authors (作者). 证书编号 is `<competition id>-<kind id>-<tier id>-<NNN>`, NNN counting from 001
/// per kind and tier in that order (more digits past 999). Labels, not ids, in the other cells;
/// text cells neutralised. Throws std::out_of_range like roster_rows.
TableBook certificates_book(const Config& config, const std::vector<Entry>& entries,
                            const Results& decided);

}  // namespace jury
