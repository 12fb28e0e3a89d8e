#pragma once
// A binary min-heap over a std::vector, for the event set and for the event
// sets compared in benchmarks/. The vector always ends its life holding one
// sentinel that sorts after every real entry and never leaves, so the top
// always exists and no comparison tests for empty; 'later(a, b)' says that a
// runs after b.
#include <cstddef>
#include <vector>

namespace flowsim::sim {

// Puts 'moving' at 'hole' or above it, moving later parents down. The entry
// comes by value, not read back from heap[hole]: reading back a record just
// stored field by field stalls store-to-load forwarding, which cost a third
// of this function's time.
template <class Entry, class Later>
[[gnu::always_inline]] inline void heap_sift_up(std::vector<Entry>& heap, std::size_t hole,
                                                const Entry moving, Later later) {
  while (hole > 0) {
    const std::size_t parent = (hole - 1) / 2;
    if (!later(heap[parent], moving)) break;
    heap[hole] = heap[parent];
    hole = parent;
  }
  heap[hole] = moving;
}

// Inlined: it is most of the cost of scheduling an event.
template <class Entry, class Later>
[[gnu::always_inline]] inline void heap_push(std::vector<Entry>& heap, const Entry entry, Later later) {
  heap.push_back(entry);
  heap_sift_up(heap, heap.size() - 1, entry, later);
}

// Removes and returns the top; the heap must hold a real entry above the
// sentinel. Bottom-up deletion (Wegener): walk the hole left at the root down
// to a leaf along the earlier child, one comparison per level, then put the
// last element there and sift it up. The last element usually belongs near
// the bottom, so this costs about half the comparisons of a plain sift-down.
template <class Entry, class Later>
Entry heap_pop(std::vector<Entry>& heap, Later later) {
  const Entry top_entry = heap.front();
  const Entry last = heap.back();
  heap.pop_back();
  const std::size_t n = heap.size();
  std::size_t hole = 0;
  while (true) {
    std::size_t child = 2 * hole + 1;
    if (child >= n) break;
    if (child + 1 < n && later(heap[child], heap[child + 1])) ++child;
    heap[hole] = heap[child];
    hole = child;
  }
  heap_sift_up(heap, hole, last, later);
  return top_entry;
}

}  // namespace flowsim::sim
