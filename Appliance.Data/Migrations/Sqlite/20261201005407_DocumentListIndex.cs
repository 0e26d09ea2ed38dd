using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DocumentListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProtectedDocuments_TenantId_OwnerEmail",
                table: "ProtectedDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_ProtectedDocuments_TenantId_OwnerEmail_RegisteredAt",
                table: "ProtectedDocuments",
                columns: new[] { "TenantId", "OwnerEmail", "RegisteredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProtectedDocuments_TenantId_OwnerEmail_RegisteredAt",
                table: "ProtectedDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_ProtectedDocuments_TenantId_OwnerEmail",
                table: "ProtectedDocuments",
                columns: new[] { "TenantId", "OwnerEmail" });
        }
    }
}
