/** The trace connectors: OTLP/JSON files, Jaeger and Zipkin, sharing one span → JSON-line mapping. */
export { otlp } from './otlp.js';
export { jaeger } from './jaeger.js';
export { zipkin } from './zipkin.js';
