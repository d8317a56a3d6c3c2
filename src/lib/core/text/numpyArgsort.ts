/**
 * numpy's default `argsort` (kind 'quicksort') step for step, so that equal values end up in
 * the order numpy leaves them. scikit-learn picks `maxFeatures` terms with
 * `(-counts).argsort()[:limit]`, and this sort is not stable: which of the terms tied at the cut
 * survive depends on exactly how it moves them.
 *
 * The algorithm is numpy's scalar introsort for numbers (`aquicksort_` in numpy's
 * `npysort/quicksort.cpp`): median-of-three quicksort on the index array, the larger part
 * pushed on a stack, insertion sort for parts of at most 16, and heapsort (`aheapsort_`) for a
 * part once the depth budget 2·⌊log2 n⌋ is spent. Checked against numpy 1.24 on x86-64 (with
 * AVX-512 present: that numpy dispatches only `sort`, not `argsort`, to SIMD code). Newer numpy
 * releases may sort indices with SIMD code (x86-simd-sort) on some processors; their ties then
 * come out in another order.
 */

/** Parts of at most this many + 1 elements are finished by insertion sort (numpy's SMALL_QUICKSORT). */
const SMALL_PART = 15;

/** ⌊log2 n⌋ for n ≥ 1 (numpy's `npy_get_msb`). */
function floorLog2(n: number): number {
  let depth = 0;
  while (n > 1) {
    n = Math.floor(n / 2);
    depth++;
  }
  return depth;
}

/** Heapsort of `order[from .. from + n)` by `values`, numpy's `aheapsort_` (1-based heap). */
function heapsortPart(values: ArrayLike<number>, order: Int32Array, from: number, n: number): void {
  const at = (k: number) => order[from + k - 1];
  const put = (k: number, index: number) => {
    order[from + k - 1] = index;
  };
  /** Moves `index` down from heap slot `i` in a heap of `size`. */
  const siftDown = (index: number, i: number, size: number) => {
    for (let j = 2 * i; j <= size; ) {
      if (j < size && values[at(j)] < values[at(j + 1)]) j++;
      if (!(values[index] < values[at(j)])) break;
      put(i, at(j));
      i = j;
      j += j;
    }
    put(i, index);
  };
  for (let l = n >> 1; l > 0; l--) siftDown(at(l), l, n);
  for (let size = n; size > 1; ) {
    const index = at(size);
    put(size, at(1));
    size--;
    siftDown(index, 1, size);
  }
}

function identity(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/** numpy's `argsort(kind='heapsort')`: the fallback below, on its own (and so testable on its own). */
export function numpyHeapArgsort(values: ArrayLike<number>): Int32Array {
  const order = identity(values.length);
  heapsortPart(values, order, 0, values.length);
  return order;
}

/** The indices that sort `values` ascending, with ties placed exactly as numpy's quicksort places them. */
export function numpyArgsort(values: ArrayLike<number>): Int32Array {
  const n = values.length;
  const order = identity(n);
  if (n < 2) return order;
  const swap = (a: number, b: number) => {
    const t = order[a];
    order[a] = order[b];
    order[b] = t;
  };
  const less = (a: number, b: number) => values[order[a]] < values[order[b]];
  /** Pending parts: [left, right, depth budget] triples. */
  const stack: number[] = [];
  let left = 0;
  let right = n - 1;
  let budget = floorLog2(n) * 2;
  for (;;) {
    if (budget < 0) {
      heapsortPart(values, order, left, right - left + 1);
    } else {
      while (right - left > SMALL_PART) {
        const mid = left + ((right - left) >> 1);
        if (less(mid, left)) swap(mid, left);
        if (less(right, mid)) swap(right, mid);
        if (less(mid, left)) swap(mid, left);
        const pivot = values[order[mid]];
        let i = left;
        let j = right - 1;
        swap(mid, j);
        for (;;) {
          do i++;
          while (values[order[i]] < pivot);
          do j--;
          while (pivot < values[order[j]]);
          if (i >= j) break;
          swap(i, j);
        }
        swap(i, right - 1);
        budget--;
        // The larger part waits on the stack; the loop goes on with the smaller one.
        if (i - left < right - i) {
          stack.push(i + 1, right, budget);
          right = i - 1;
        } else {
          stack.push(left, i - 1, budget);
          left = i + 1;
        }
      }
      for (let i = left + 1; i <= right; i++) {
        const index = order[i];
        const value = values[index];
        let j = i;
        while (j > left && value < values[order[j - 1]]) {
          order[j] = order[j - 1];
          j--;
        }
        order[j] = index;
      }
    }
    if (stack.length === 0) break;
    budget = stack.pop()!;
    right = stack.pop()!;
    left = stack.pop()!;
  }
  return order;
}
