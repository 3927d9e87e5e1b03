// Endpoints of the needs area (see ../endpoint.ts). Filled in by the needs module.
export {};
