namespace Regatta.Services.Placement;

/// <summary>The placement operators Marathon apps may use in <c>constraints</c>.</summary>
internal enum ConstraintOperator
{
    Unique,
    Cluster,
    GroupBy,
    MaxPer,
    Like,
    Unlike,
    Is,
}
