//! The social resource list (社会資源): admin-editable categories (two levels) and districts,
//! and the resources the centres collect and the team screens, confirms and publishes.

use crate::common::{active, id, index, restrict, stamp, string, text, version};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{date_null, double_null, integer, integer_null, string_len};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ResourceCategory {
    Table,
    Id,
    ParentId,
    Name,
    SortOrder,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum ResourceDistrict {
    Table,
    Id,
    Name,
    SortOrder,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum Resource {
    Table,
    Id,
    Name,
    Kana,
    CategoryId,
    DistrictId,
    OrganiserOrganisationId,
    OrganiserText,
    Description,
    Audience,
    Schedule,
    ScheduleRule,
    Place,
    Address,
    Latitude,
    Longitude,
    Cost,
    HowToJoin,
    PublicContact,
    StaffContact,
    KnownBy,
    Source,
    CollectedOn,
    Screening,
    ScreeningReason,
    Consent,
    ConsentOn,
    ConsentBy,
    ConfirmedOn,
    ConfirmedBy,
    Activity,
    Notice,
    CreatedByUserId,
    SearchText,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisation {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppUser {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ResourceCategory as C;
        manager
            .create_table(
                Table::create()
                    .table(C::Table)
                    .col(id(C::Id))
                    .col(integer_null(C::ParentId))
                    .col(string_len(C::Name, 100))
                    .col(integer(C::SortOrder))
                    .col(active(C::Active))
                    .col(stamp(C::CreatedAt))
                    .col(stamp(C::UpdatedAt))
                    .col(version(C::Version))
                    .foreign_key(&mut restrict(C::Table, C::ParentId, C::Table, C::Id))
                    .to_owned(),
            )
            .await?;

        use ResourceDistrict as D;
        manager
            .create_table(
                Table::create()
                    .table(D::Table)
                    .col(id(D::Id))
                    .col(string_len(D::Name, 100).unique_key())
                    .col(integer(D::SortOrder))
                    .col(active(D::Active))
                    .col(stamp(D::CreatedAt))
                    .col(stamp(D::UpdatedAt))
                    .col(version(D::Version))
                    .to_owned(),
            )
            .await?;

        use Resource as R;
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .col(id(R::Id))
                    .col(string_len(R::Name, 200))
                    .col(string(R::Kana, 200))
                    .col(integer(R::CategoryId))
                    .col(integer_null(R::DistrictId))
                    .col(integer_null(R::OrganiserOrganisationId))
                    .col(string(R::OrganiserText, 200))
                    .col(text(R::Description))
                    .col(string(R::Audience, 500))
                    .col(string(R::Schedule, 500))
                    .col(string(R::ScheduleRule, 20))
                    .col(string(R::Place, 200))
                    .col(string(R::Address, 300))
                    .col(double_null(R::Latitude))
                    .col(double_null(R::Longitude))
                    .col(string(R::Cost, 200))
                    .col(text(R::HowToJoin))
                    .col(string(R::PublicContact, 300))
                    .col(string(R::StaffContact, 300))
                    .col(string(R::KnownBy, 500))
                    .col(string(R::Source, 200))
                    .col(date_null(R::CollectedOn))
                    .col(string_len(R::Screening, 20).default("collected"))
                    .col(text(R::ScreeningReason))
                    .col(string_len(R::Consent, 20).default("none"))
                    .col(date_null(R::ConsentOn))
                    .col(string(R::ConsentBy, 100))
                    .col(date_null(R::ConfirmedOn))
                    .col(string(R::ConfirmedBy, 100))
                    .col(string_len(R::Activity, 20).default("active"))
                    .col(string(R::Notice, 300))
                    .col(integer_null(R::CreatedByUserId))
                    .col(text(R::SearchText))
                    .col(active(R::Active))
                    .col(stamp(R::CreatedAt))
                    .col(stamp(R::UpdatedAt))
                    .col(version(R::Version))
                    .foreign_key(&mut restrict(R::Table, R::CategoryId, C::Table, C::Id))
                    .foreign_key(&mut restrict(R::Table, R::DistrictId, D::Table, D::Id))
                    .foreign_key(&mut restrict(R::Table, R::OrganiserOrganisationId, Organisation::Table, Organisation::Id))
                    .foreign_key(&mut restrict(R::Table, R::CreatedByUserId, AppUser::Table, AppUser::Id))
                    .to_owned(),
            )
            .await?;

        for (name, col) in [
            ("idx_resource_category", R::CategoryId),
            ("idx_resource_district", R::DistrictId),
            ("idx_resource_screening", R::Screening),
            ("idx_resource_organiser", R::OrganiserOrganisationId),
        ] {
            manager.create_index(index(name, R::Table, col)).await?;
        }
        manager.create_index(index("idx_resource_category_parent", C::Table, C::ParentId)).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [Resource::Table.into_iden(), ResourceDistrict::Table.into_iden(), ResourceCategory::Table.into_iden()] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
