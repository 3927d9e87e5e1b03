// Endpoints of the resources area (see ../endpoint.ts). Filled in by the resources module.
export {};
