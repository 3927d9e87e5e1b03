import { Config, Destroy, ILogger, Init, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import mongoose, { type Connection, type Model, type Schema } from 'mongoose';
import type { Settings } from '../config/settings';

/** True for MongoDB's duplicate-key error (code 11000): a unique index refused the write. */
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | null)?.code === 11000;

/** A model each area declares once; the connection compiles it on first use. */
export interface ModelDef<T> {
  name: string;
  schema: Schema<T>;
}

const registry: ModelDef<unknown>[] = [];

export function defineModel<T>(name: string, schema: Schema<T>): ModelDef<T> {
  const def = { name, schema };
  registry.push(def as ModelDef<unknown>);
  return def;
}

/** Every model defined so far (those whose modules were loaded). */
export function modelDefs(): readonly ModelDef<unknown>[] {
  return registry;
}

/**
 * The one MongoDB connection of this process. The driver reconnects by itself; while the
 * database is down, operations fail after `dbTimeoutMs` and the API answers 503.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class Db {
  @Config('gongzhi')
  settings!: Settings;

  @Logger()
  logger!: ILogger;

  connection!: Connection;

  @Init()
  async init(): Promise<void> {
    // Mongoose otherwise captures a stack trace on every query, only to word one programming error
    // ("Query was already executed"); it showed in the list requests' CPU profile.
    mongoose.set('skipOriginalStackTraces', true);
    this.connection = mongoose.createConnection(this.settings.mongodbUri, {
      serverSelectionTimeoutMS: this.settings.dbTimeoutMs,
      // Fail fast instead of queueing requests while the database is away.
      bufferCommands: false,
      autoIndex: false,
      autoCreate: false,
    });
    this.connection.on('disconnected', () => this.logger.warn('[db] disconnected'));
    this.connection.on('reconnected', () => this.logger.info('[db] reconnected'));
    await this.connection.asPromise();
    // Unique indexes hold our races, so they must exist before the first request.
    for (const def of registry) await this.model(def).createIndexes();
  }

  model<T>(def: ModelDef<T>): Model<T> {
    return (this.connection.models[def.name] as Model<T>) ?? this.connection.model<T>(def.name, def.schema);
  }

  /** True when the database answers a ping within a second. */
  async ping(): Promise<boolean> {
    try {
      const db = this.connection.db;
      if (!db) return false;
      await Promise.race([
        db.command({ ping: 1 }),
        new Promise((_, reject) => setTimeout(() => reject(new Error('ping timeout')), 1000)),
      ]);
      return true;
    } catch {
      return false;
    }
  }

  @Destroy()
  async close(): Promise<void> {
    await this.connection?.close(true);
  }
}
