export { compileCondition } from './condition';
export { describeCondition } from './describe';
export { applyRules, type CompiledRule, compileRules, describeActions, type RuleOutcome } from './engine';
export { ConfigError } from './errors';
export { type CompileEnv, createCompileEnv } from './window';
