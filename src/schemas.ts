// The HTTP contract (SPEC Part A) as TypeBox schemas: validation, TypeScript types, serialization
// and openapi.yaml all come from here.
import {
  ClusterSchema, ConfigProtoComponent, DeviceFnSchema, DistributeConfigSchema, ReplaceArgumentsSchema,
  RunConfigArgumentsSchema, StrategySchema
} from './schemas/arguments.js'
import { ClusterPlanSchema, PlanNodeSchema } from './schemas/cluster-plan.js'
import { KubernetesEnvSchema, KubernetesNodeEnvSchema } from './schemas/formats.js'
import { JobViewSchema } from './schemas/jobs.js'
import { LeaseSchema } from './schemas/leases.js'
import { LintReportSchema, NodeLintReportSchema } from './schemas/lint.js'
import { ResolutionSchema, RunConfigSchema } from './schemas/resolution.js'

export * from './schemas/arguments.js'
export * from './schemas/cluster-plan.js'
export * from './schemas/common.js'
export * from './schemas/examples.js'
export * from './schemas/formats.js'
export * from './schemas/host.js'
export * from './schemas/leases.js'
export * from './schemas/jobs.js'
export * from './schemas/lint.js'
export * from './schemas/resolution.js'
export * from './schemas/run-config.js'

/** The schemas published once as OpenAPI components (each has an `$id`); routes refer to them with ref(). */
export const CONTRACT_SCHEMAS = [
  ConfigProtoComponent, StrategySchema, DeviceFnSchema, ClusterSchema, DistributeConfigSchema,
  RunConfigArgumentsSchema, ReplaceArgumentsSchema, RunConfigSchema, ResolutionSchema, PlanNodeSchema, ClusterPlanSchema,
  KubernetesNodeEnvSchema, KubernetesEnvSchema, LintReportSchema, NodeLintReportSchema, JobViewSchema, LeaseSchema
]
export * from './schemas/errors.js'
