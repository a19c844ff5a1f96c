/** Where held calls wait until a test releases them (or the proxy is reset or closed). */
export class HoldGate {
  private waiting: Array<() => void> = [];

  wait(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Lets every held call continue; returns how many there were. */
  release(): number {
    const released = this.waiting;
    this.waiting = [];
    released.forEach((resume) => resume());
    return released.length;
  }
}
