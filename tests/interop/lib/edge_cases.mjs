// The rows of `strata generate edge-cases`, written out independently of
// strata's source: what every reader of strata's output must see.
const U1 = '123e4567-e89b-12d3-a456-426614174000';
const U0 = '00000000-0000-0000-0000-000000000000';
const UF = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
const I64_MIN = -9223372036854775808n;
const I64_MAX = 9223372036854775807n;

// The edge-cases dataset, written out independently of strata's source:
// [text, i64, f64, flag, day, ts (epoch microseconds), amount, uid].
export const EXPECTED_EDGE_CASES = [
  ['plain', 0n, 0, true, '1970-01-01', 0n, '0.0000', U1],
  ['', -1n, -0, false, '1969-12-31', -1n, '-1.2345', U0],
  [null, I64_MIN, 1.5, null, '9999-12-31', 253402300799999999n, '99999999999999.9999', UF],
  ['comma, inside', I64_MAX, -2.25, true, '0001-01-01', -62135596800000000n,
    '-99999999999999.9999', null],
  ['quote " inside ""', null, 1e308, false, '2024-02-29', 1709164800123456n, '0.0001', U1],
  ['line\nbreak', 42n, 5e-324, true, null, null, null, U1],
  ['crlf\r\nbreak', 7n, null, false, '2000-02-29', 951782400000000n, '12.5000', UF],
  ['  padded  ', -42n, Infinity, true, '1970-01-02', 1n, '-0.0001', U1],
  ['unicode: héllo wörld 漢字 🚀', 1000000n, -Infinity, false, '1970-01-03', 2n, '1.0000', UF],
  ['tab\tinside', 9007199254740993n, 3.141592653589793, true, '1970-01-04', 3n, '3.1416', U1],
  ['NULL', -9007199254740993n, NaN, false, '1970-01-05', 4n, '2.7183', UF],
  ['\\N', 123456789012345678n, 2.5e-10, true, '1970-01-06', 5n, '-5.5000', U1],
].map(([text, i64, f64, flag, day, ts, amount, uid], i) =>
  ({ id: BigInt(i + 1), text, i64, f64, flag, day, ts, amount, uid }));

