#pragma once
/// Who an output is for (SPEC §9): the committee sees everything; the public notice (公示) leaves
/// out scores, flags and the entries without a prize.

namespace jury {

enum class Audience { Committee, Public };

}  // namespace jury
