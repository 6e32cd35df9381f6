export * from "./enums";
export * from "./org";
export * from "./auth";
export * from "./audit";
export * from "./signatures";
export * from "./raci";
export * from "./assessments";
export * from "./drills";
