// Endpoints of the activities area (see ../endpoint.ts). Filled in by the activities module.
export {};
