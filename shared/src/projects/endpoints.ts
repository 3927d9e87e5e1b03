// Endpoints of the projects area (see ../endpoint.ts). Filled in by the projects module.
export {};
