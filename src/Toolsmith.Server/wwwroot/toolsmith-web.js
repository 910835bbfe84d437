// Toolsmith web builder
