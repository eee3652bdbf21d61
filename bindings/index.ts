/**
 * hnn-wasm: hnn-core's neocortical column model (jones_2009/neymotin_2020, law_2021, calcium) in
 * WebAssembly. The public API, in hnn-core's vocabulary (camelCase): model, simulation, analysis,
 * network files as text. Browser-safe: no module here imports `node:*`. Figures are in
 * `hnn-wasm/viz`; Node-only helpers (PNG output, files, a headless DOM) in `hnn-wasm/node`.
 *
 * Argument errors are `ValueError` (exported here) or JavaScript's `TypeError`; warnings go to the
 * handler set with `setWarningHandler` (none by default).
 */
export { Network, type NetworkOptions } from "./model/network";
export type { NetworkConfig, NetworkParams } from "./model/networkConfig";
export { Connection, type AddConnectionArgs, type AddConnectionOptions } from "./model/connection";
export { Populations, type Population, type PopulationKind, type GidSet, type GidSelector } from "./model/populations";
export { jones2009Model, neymotin2020Model, law2021Model, calciumModel, addErpDrivesToJonesModel, type ModelOptions } from "./model/models";
export { pickConnection, type PickConnectionOptions } from "./model/pickConnection";
export { pyramidal, basket, pyramidalCa } from "./model/cells";
export { Cell, Section, type SectionChanges, type CellNode, type NetworkCellType, type PlotMorphologyOptions } from "./model/cell";
export { ExternalDrive } from "./model/driveTypes";
export { instantiateDrives } from "./model/eventTimes";
export { readParams } from "./model/params";
export { Params } from "./model/paramsObject";
export { removeNulledDrives } from "./model/nulledDrives";
export type { WriteConfigurationOptions } from "./io/configurationFile";
export type { CellTemplate, CellType, SectionSpec, SynapseSpec, NcDict, GidRange, TonicBias, Vec3 } from "./model/types";
export { readNetworkConfiguration, type ReadNetworkOptions } from "./io/networkJson";
export { networkToDict, writeNetworkConfiguration, type WriteNetworkOptions } from "./io/networkJsonWrite";
export { simulateDipole, type SimulateDipoleOptions, type SimulationProgress } from "./simulate/simulateDipole";
export { Dipole, averageDipoles, readDipole, parseDipoleText } from "./analysis/dipole";
export { CellResponse, readSpikesText } from "./analysis/cellResponse";
export { psd, tfrMorlet, type TimeWindowOptions, type PsdResult, type TfrMorletOptions, type TfrResult } from "./analysis/spectral";
export { RandomState, defaultRng, Generator, type ChoiceOptions } from "./random/index";
export { loadEngine } from "./wasm";
export { setWorkerFactory, type WorkerFactory, type PoolWorker } from "./simulate/platformWorkers";
export type { PartitionRequest, PartitionReply } from "./simulate/partitionServer";
export { ValueError, AttributeError, KeyError } from "./util/validate";
export { setWarningHandler, type WarningHandler } from "./util/warnings";
export { cmaes, type CmaesOptions, type CmaesResult, type CmaesGeneration } from "./optim/cmaes";
export { bayesOpt, type BayesOptOptions, type BayesOptResult, type BayesOptEvaluation } from "./optim/bayesopt";
export { ExtracellularArray, type ExtracellularArrayOptions, type ExtracellularArrayDict } from "./model/extracellular";
export { rmse, anticorrelation, relativeBandpower, dipoleRmse, dipoleCorr, maximizePsd, OBJECTIVES, type CompareOptions, type FrequencyBand, type ObjectiveOptions, type ObjectiveFunction } from "./optim/objectives";
export { resample } from "./optim/resample";
export { fminCobyla, minimizeCobyla, type CobylaObjective, type CobylaConstraint, type CobylaOptions, type CobylaResult } from "./optim/cobyla";
export { calculateCsd2d } from "./analysis/csd";
export { BatchSimulate, type BatchSimulateOptions, type BatchRunOptions, type BatchRunResult, type BatchResult, type BatchProgress, type SetParams, type SummaryFunc, type SimulateBatchOptions } from "./batch/batchSimulate";
export { runBatchJob, hashedNetworkConfig, dipoleToData, dipoleFromData, type BatchJob, type JobResult, type JobOutputs, type DipoleData, type HashedConfig, type RunJobOptions } from "./batch/batchJob";
export type { JobBackend, JobBatch, JobOutcome, JobFailure, QueueProgress, QueueSpec, BackendRunOptions, BatchOutcome } from "./batch/jobBackend";
export type { LoadedResults, SavedKind, BatchMetadata, SimOutputs } from "./batch/batchFiles";
export { Optimizer, type OptimizerOptions, type FitOptions, type OptimizerProgress, type OptimizerEvaluation, type SolverName, type Constraints, type SetParams as OptimizerSetParams } from "./optim/optimizer";
export { generateOptHistoryTable, type OptResult } from "./optim/optHistory";
export { optimizeEvoked, type OptimizeEvokedOptions } from "./optim/optimizeEvoked";
export { paramCombinations, setParamPath, setParamPaths, PATH_ROOTS, type ParamGrid, type ParamValues } from "./batch/paramPaths";
export { MemoryLimitError } from "./util/validate";
export { DEFAULT_MAX_MEMORY_BYTES } from "./util/memoryLimit";
