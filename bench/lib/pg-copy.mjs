// COPY … FROM STDIN with node-postgres and nothing else: a minimal "submittable" query (the protocol
// hook pg-copy-streams uses) that sends one in-memory buffer as the copy data. Benchmarks only.

class CopyFromBuffer {
  constructor(text, data) {
    this.text = text;
    this.data = data;
    this.rowCount = null;
    this.error = null;
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection) {
    connection.query(this.text);
  }

  handleCopyInResponse(connection) {
    connection.sendCopyFromChunk(this.data);
    connection.endCopyFrom();
  }

  handleCommandComplete(msg) {
    const match = /^COPY (\d+)/.exec(msg.text ?? '');
    if (match) this.rowCount = Number(match[1]);
  }

  handleError(error) {
    this.error = error;
  }

  handleReadyForQuery() {
    if (this.error) this.reject(this.error);
    else this.resolve(this.rowCount);
  }

  // Not expected for COPY FROM; present because the client may call them.
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** Runs `COPY … FROM STDIN …` (the `sql`) with `data` (a string or Buffer); resolves with the row count. */
export function copyFrom(client, sql, data) {
  const query = new CopyFromBuffer(sql, Buffer.isBuffer(data) ? data : Buffer.from(data));
  client.query(query);
  return query.done;
}
