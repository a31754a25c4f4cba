#include "parquet/value_gather.h"

#include <algorithm>
#include <cstring>

#include "columnar/decimal.h"

namespace strata::parquet {
namespace {

// Calls fn(row) for each non-null row in [begin, end).
template <typename Fn>
void ForEachValid(const ColumnVector& v, int64_t begin, int64_t end, Fn&& fn) {
  if (v.null_count() == 0) {
    for (int64_t i = begin; i < end; ++i) fn(i);
    return;
  }
  for (int64_t i = begin; i < end; ++i) {
    if (v.IsValid(i)) fn(i);
  }
}

// Integers and floats: widen or reinterpret the stored C type as Out.
template <typename Out, typename In>
void GatherNumeric(const ColumnVector& v, int64_t begin, int64_t end, std::vector<Out>* out) {
  const In* values = v.Values<In>();
  if (v.null_count() == 0 && std::is_same_v<In, Out>) {
    out->assign(reinterpret_cast<const Out*>(values + begin),
                reinterpret_cast<const Out*>(values + end));
    return;
  }
  ForEachValid(v, begin, end, [&](int64_t i) { out->push_back(static_cast<Out>(values[i])); });
}

template <typename Out>
Status GatherInteger(const ColumnVector& v, int64_t begin, int64_t end, std::vector<Out>* out) {
  switch (v.type()->id()) {
    case TypeId::kInt8: GatherNumeric<Out, int8_t>(v, begin, end, out); break;
    case TypeId::kInt16: GatherNumeric<Out, int16_t>(v, begin, end, out); break;
    case TypeId::kUInt8: GatherNumeric<Out, uint8_t>(v, begin, end, out); break;
    case TypeId::kUInt16: GatherNumeric<Out, uint16_t>(v, begin, end, out); break;
    case TypeId::kUInt32: GatherNumeric<Out, uint32_t>(v, begin, end, out); break;
    case TypeId::kUInt64: GatherNumeric<Out, uint64_t>(v, begin, end, out); break;
    case TypeId::kInt32:
    case TypeId::kDate: GatherNumeric<Out, int32_t>(v, begin, end, out); break;
    default: GatherNumeric<Out, int64_t>(v, begin, end, out); break;
  }
  return Status::OK();
}

template <typename Out>
void GatherDecimalLow(const ColumnVector& v, int64_t begin, int64_t end, std::vector<Out>* out) {
  ForEachValid(v, begin, end,
               [&](int64_t i) { out->push_back(static_cast<Out>(v.GetDecimal(i).value())); });
}

// decimal128 -> big-endian two's complement of the leaf's FLBA width.
void GatherDecimalFixed(const LeafColumn& leaf, const ColumnVector& v, int64_t begin, int64_t end,
                        std::vector<std::string_view>* out, GatherScratch* scratch) {
  const auto width = static_cast<size_t>(leaf.type_length);
  scratch->bytes.assign(static_cast<size_t>(end - begin) * width, '\0');
  size_t pos = 0;
  ForEachValid(v, begin, end, [&](int64_t i) {
    const uint8_t* le = reinterpret_cast<const uint8_t*>(v.GetView(i).data());
    char* be = scratch->bytes.data() + pos;
    // Little-endian int128 -> the low `width` bytes, most significant first.
    for (size_t k = 0; k < width; ++k) be[k] = static_cast<char>(le[width - 1 - k]);
    out->emplace_back(be, width);
    pos += width;
  });
}

void GatherViews(const ColumnVector& v, int64_t begin, int64_t end,
                 std::vector<std::string_view>* out) {
  ForEachValid(v, begin, end, [&](int64_t i) { out->push_back(v.GetView(i)); });
}

void GatherBools(const ColumnVector& v, int64_t begin, int64_t end, std::vector<uint8_t>* out) {
  ForEachValid(v, begin, end, [&](int64_t i) { out->push_back(v.GetBool(i) ? 1 : 0); });
}

}  // namespace

template <typename T>
Status GatherValues(const LeafColumn& leaf, const ColumnVector& vector, int64_t begin, int64_t end,
                    std::vector<T>* out, GatherScratch* scratch) {
  out->clear();
  if constexpr (std::is_same_v<T, uint8_t>) {
    GatherBools(vector, begin, end, out);
  } else if constexpr (std::is_same_v<T, std::string_view>) {
    if (leaf.conversion == ValueConversion::kDecimalFixed) {
      GatherDecimalFixed(leaf, vector, begin, end, out, scratch);
    } else {
      GatherViews(vector, begin, end, out);
    }
  } else if constexpr (std::is_floating_point_v<T>) {
    GatherNumeric<T, T>(vector, begin, end, out);
  } else {
    if (leaf.conversion == ValueConversion::kDecimalInt32 ||
        leaf.conversion == ValueConversion::kDecimalInt64) {
      GatherDecimalLow(vector, begin, end, out);
    } else {
      // kTimeMillis narrows int64 milliseconds of day to INT32; exact since
      // a day has fewer than 2^31 milliseconds.
      return GatherInteger(vector, begin, end, out);
    }
  }
  return Status::OK();
}

template Status GatherValues<uint8_t>(const LeafColumn&, const ColumnVector&, int64_t, int64_t,
                                      std::vector<uint8_t>*, GatherScratch*);
template Status GatherValues<int32_t>(const LeafColumn&, const ColumnVector&, int64_t, int64_t,
                                      std::vector<int32_t>*, GatherScratch*);
template Status GatherValues<int64_t>(const LeafColumn&, const ColumnVector&, int64_t, int64_t,
                                      std::vector<int64_t>*, GatherScratch*);
template Status GatherValues<float>(const LeafColumn&, const ColumnVector&, int64_t, int64_t,
                                    std::vector<float>*, GatherScratch*);
template Status GatherValues<double>(const LeafColumn&, const ColumnVector&, int64_t, int64_t,
                                     std::vector<double>*, GatherScratch*);
template Status GatherValues<std::string_view>(const LeafColumn&, const ColumnVector&, int64_t,
                                               int64_t, std::vector<std::string_view>*,
                                               GatherScratch*);

}  // namespace strata::parquet
