/**
 * For the worker tests (not a test file itself): a file as the page hands it over, `size` bytes
 * long, that records every attempt to read it. Its size is all a refusal may look at, and a
 * 700 MB file costs no memory here.
 */
export function unreadFile(size: number): { file: Blob; reads: string[] } {
  const reads: string[] = [];
  const read = (how: string) => () => {
    reads.push(how);
    return Promise.reject(new Error('read'));
  };
  return { file: { size, type: '', text: read('text'), arrayBuffer: read('arrayBuffer'), bytes: read('bytes'), stream: read('stream'), slice: read('slice') } as unknown as Blob, reads };
}
