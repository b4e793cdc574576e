export { compileConfig, type Engine } from './compile';
export { DEFAULT_CONFIG } from './default';
export { EXAMPLE_CLOCK, type ExampleResult, loadConfig, runExamples } from './examples';
export { configHash, parseConfig, parseConfigText, readConfigText, zodIssues } from './parse';
