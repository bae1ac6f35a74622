// The engine client: the page's side of the one worker per site (worker.js).
//
// `Engine` adopts the worker that the page's <head> started (main.html) together with the
// messages it queued, or starts one; it follows the worker's start (stage, ready, failure)
// for its subscribers and matches each reply to its request by id. It outlives a page:
// Material's instant navigation keeps it, so the next essay is live at once.
// `Exchange` is one page's conversation with it: at most one request in flight, only the
// newest pending change kept, and a check that tells work begun for an older scenario
// that its replies are stale.
import { Msg } from "./protocol.js";

const START_LIMIT_MS = 120000;

export class Engine {
  constructor(workerUrl) {
    this.ready = false;
    this.failure = null;
    this.stage = "runtime";
    this.nextId = 1;
    this.waiting = new Map();
    this.listeners = new Set();
    // A model page starts the worker in the first lines of its <head> (see main.html);
    // its messages so far wait in `events`. Elsewhere the worker starts here.
    const early = window.explainerWorker;
    window.explainerWorker = undefined;
    try {
      if (early?.error) throw early.error;
      this.worker = early?.worker ?? new Worker(workerUrl, { type: "module" });
    } catch (error) {
      this.fail(`无法启动后台计算(${error.message})`);
      return;
    }
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => this.workerError(event);
    for (const event of early?.events ?? []) {
      if (event.type === "error") this.workerError(event);
      else this.receive(event.data);
    }
    // Last resort for a start that neither finishes nor fails (a stalled download).
    setTimeout(() => this.ready || this.fail("Python 运行环境在两分钟内没有启动完成"), START_LIMIT_MS);
  }

  workerError(event) {
    event.preventDefault();
    this.fail(event.message || "后台计算脚本无法加载");
  }

  receive(message) {
    switch (message.type) {
      case Msg.PROGRESS:
        this.stage = message.stage;
        this.notify();
        break;
      case Msg.READY:
        this.ready = true;
        this.notify();
        break;
      case Msg.FAILED:
        this.fail(message.message);
        break;
      case Msg.RESULT:
      case Msg.ERROR:
        this.settle(message);
        break;
      default:
        throw new Error(`explainer: unknown message type ${message.type}`);
    }
  }

  settle(message) {
    const pending = this.waiting.get(message.id);
    this.waiting.delete(message.id);
    if (!pending) return;
    if (message.type === Msg.RESULT) pending.resolve(message.data);
    else pending.reject(new Error(message.message));
  }

  fail(reason) {
    if (this.failure) return;
    this.failure = reason;
    for (const pending of this.waiting.values()) pending.reject(new Error(reason));
    this.waiting.clear();
    this.notify();
  }

  request(type, payload) {
    if (this.failure) return Promise.reject(new Error(this.failure));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ type, id, ...payload });
    });
  }

  /** Call `listener(engine)` now and on every change of its start; returns the unsubscriber. */
  subscribe(listener) {
    this.listeners.add(listener);
    listener(this);
    return () => this.listeners.delete(listener);
  }

  notify() {
    for (const listener of [...this.listeners]) listener(this);
  }
}

/**
 * One page's requests for the reader's parameters. `hooks`: alive() (the page is still
 * shown), send() (post the request, return its promise), answer(data), failed(error),
 * settled() (after each reply, either way) and paused() (a reply came and nothing newer waits).
 */
export class Exchange {
  constructor(engine, hooks) {
    this.engine = engine;
    this.hooks = hooks;
    this.sent = 0; // sequence of the newest request sent
    this.inFlight = false;
    this.dirty = false; // params changed since the last request was sent
  }

  /** The reader changed something: send it as soon as the engine is free. */
  changed() {
    this.dirty = true;
    this.pump();
  }

  /** Send the latest params if the engine is free; at most one request in flight. */
  pump() {
    const { engine, hooks } = this;
    if (!engine.ready || engine.failure || this.inFlight || !this.dirty || !hooks.alive()) return;
    this.dirty = false;
    this.inFlight = true;
    this.sent += 1;
    hooks.send()
      .then((data) => hooks.alive() && hooks.answer(data))
      .catch((error) => hooks.failed(error))
      .finally(() => {
        this.inFlight = false;
        hooks.settled();
        if (this.dirty) this.pump();
        else hooks.paused();
      });
  }

  /** For work done while the reader pauses: a check that turns true once its replies are
   *  stale (a newer request is out or waiting, or the page is gone). */
  staleness() {
    const seq = this.sent;
    return () => this.inFlight || this.dirty || seq !== this.sent || !this.hooks.alive();
  }
}
