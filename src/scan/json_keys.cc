#include "scan/json_keys.h"

namespace flowclean {

JsonKeys::JsonKeys(const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) add(names[i], i);
}

void JsonKeys::add(std::string_view name, std::size_t column) {
  names_.emplace_back(name);
  const std::string& text = names_.back();
  std::string padded = text + std::string(8, '\0');
  Entry entry;
  entry.first = load_word(padded.data()) & low_bytes(text.size());
  entry.last = text.size() >= 8 ? load_word(text.data() + text.size() - 8) : 0;
  entry.size = static_cast<std::uint32_t>(text.size());
  entry.column =
      column == kNoColumn ? kLearned : static_cast<std::uint32_t>(column);
  entries_.push_back(entry);
  if (4 * entries_.size() <= slots_.size()) {
    place(entries_.size() - 1);
    return;
  }
  std::size_t size = 64;
  while (size < 4 * entries_.size()) size *= 2;
  slots_.assign(size, 0);
  for (std::size_t i = 0; i < entries_.size(); ++i) place(i);
}

void JsonKeys::place(std::size_t entry) {
  std::size_t slot = slot_of(names_[entry]);
  while (slots_[slot] != 0) slot = (slot + 1) & (slots_.size() - 1);
  slots_[slot] = static_cast<std::uint32_t>(entry + 1);
}

std::size_t JsonKeys::learn(std::string_view key) {
  if (entries_.size() >= kMaxEntries)
    return kNoEntry;
  add(key, kNoColumn);
  return entries_.size() - 1;
}

// Size and three bytes: Zeek's keys differ in one of them mostly.
std::size_t JsonKeys::slot_of(std::string_view key) const {
  std::size_t hash = key.size() * 37;
  if (!key.empty()) {
    hash += static_cast<unsigned char>(key.front()) * 11U +
            static_cast<unsigned char>(key.back()) * 3U +
            static_cast<unsigned char>(key[key.size() / 2]) * 101U;
  }
  return hash & (slots_.size() - 1);
}

bool JsonKeys::is(std::size_t entry, std::string_view key) const {
  const Entry& e = entries_[entry];
  const std::size_t size = key.size();
  if (size != e.size || (load_word(key.data()) & low_bytes(size)) != e.first)
    return false;
  if (size <= 8)
    return true;
  return load_word(key.data() + size - 8) == e.last &&
         (size <= 16 || std::memcmp(key.data() + 8, names_[entry].data() + 8,
                                    size - 16) == 0);
}

std::size_t JsonKeys::find(std::string_view key) const {
  if (slots_.empty())
    return kNoEntry;
  for (std::size_t slot = slot_of(key); slots_[slot] != 0;
       slot = (slot + 1) & (slots_.size() - 1)) {
    const std::size_t entry = slots_[slot] - 1;
    if (is(entry, key))
      return entry;
  }
  return kNoEntry;
}

}  // namespace flowclean
