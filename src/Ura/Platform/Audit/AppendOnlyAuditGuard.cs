using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ura.Platform.Audit;

/// <summary>
/// Refuses <c>ExecuteUpdate</c> and <c>ExecuteDelete</c> on audit events. Those bulk operations bypass
/// the change tracker, so the append-only check in <c>UraDbContext.SaveChangesAsync</c> never sees them.
/// </summary>
internal sealed class AppendOnlyAuditGuard : IQueryExpressionInterceptor
{
    public static readonly AppendOnlyAuditGuard Instance = new();

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        if (queryExpression is MethodCallExpression { Method: { Name: "ExecuteUpdate" or "ExecuteDelete", IsGenericMethod: true } method }
            && method.GetGenericArguments()[0] == typeof(AuditEvent))
            throw new InvalidOperationException("Audit events are append-only.");
        return queryExpression;
    }
}
