/**
 * The benchmark's inputs: each dataset written or unzipped once, and its
 * frames encoded once for the probe client, shared by every case and run.
 *
 * @module
 */
import { join } from "node:path";
import {
  type Dataset,
  unzipCourseDataset,
  writeSyntheticDataset,
} from "./_datasets.ts";
import { note } from "./_output.ts";
import type { DatasetKey } from "./_plan.ts";
import { type EncodedUpload, encodeUploads } from "./_probe_fleet.ts";

/** What the inputs are made from. */
export interface InputsOptions {
  /** The course's `dataset.zip`. */
  datasetZip: string;
  /** The synthetic dataset: agencies × bets per agency. */
  agencies: number;
  betsPerAgency: number;
  /** The clients' `batch.maxAmount`, for the probe's frames. */
  batchMaxAmount: number;
}

/**
 * Bets in the small dataset of the memory scenario. It has as many
 * agencies as the synthetic one, so only the number of bets differs.
 */
const SMALL_DATASET_BETS = 10_000;
const SEED = 7574;

/** Datasets and their encoded frames, in a directory removed at disposal. */
export class Inputs implements AsyncDisposable {
  #dir: string;
  #options: InputsOptions;
  #datasets = new Map<DatasetKey, Promise<Dataset | undefined>>();
  #uploads = new Map<DatasetKey, Promise<EncodedUpload[]>>();

  private constructor(dir: string, options: InputsOptions) {
    this.#dir = dir;
    this.#options = options;
  }

  /** Inputs in a new temporary directory. */
  static async create(options: InputsOptions): Promise<Inputs> {
    const dir = await Deno.makeTempDir({ prefix: "tp0-bench-data-" });
    return new Inputs(dir, options);
  }

  /** The dataset, or `undefined` when it is the course's and it is absent. */
  dataset(key: DatasetKey): Promise<Dataset | undefined> {
    let dataset = this.#datasets.get(key);
    if (dataset === undefined) {
      dataset = this.#make(key);
      this.#datasets.set(key, dataset);
    }
    return dataset;
  }

  /** The dataset's `BET_BATCH` frames, per agency. */
  uploads(key: DatasetKey, dataset: Dataset): Promise<EncodedUpload[]> {
    let uploads = this.#uploads.get(key);
    if (uploads === undefined) {
      note(`encoding ${dataset.name} for the probe client…`);
      uploads = encodeUploads(dataset, this.#options.batchMaxAmount);
      this.#uploads.set(key, uploads);
    }
    return uploads;
  }

  /** Removes every file made. */
  async [Symbol.asyncDispose](): Promise<void> {
    await Deno.remove(this.#dir, { recursive: true });
  }

  async #make(key: DatasetKey): Promise<Dataset | undefined> {
    const dir = join(this.#dir, key);
    await Deno.mkdir(dir);
    if (key === "course") {
      return await unzipCourseDataset(this.#options.datasetZip, dir);
    }

    const { agencies } = this.#options;
    const betsPerAgency = key === "small"
      ? Math.max(1, Math.floor(SMALL_DATASET_BETS / agencies))
      : this.#options.betsPerAgency;
    note(`writing ${agencies} × ${betsPerAgency} synthetic bets…`);
    return await writeSyntheticDataset(dir, {
      agencies,
      betsPerAgency,
      seed: SEED,
    });
  }
}
