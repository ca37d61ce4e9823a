#include "io/geopackage_writer.hpp"

#include <cmath>
#include <vector>

#include "geo/errors.hpp"
#include "io/gdal_support.hpp"

namespace phusong {

GeoPackageWriter::GeoPackageWriter(std::filesystem::path target)
    : owned_(std::make_unique<AtomicOutput>(std::move(target))), output_(owned_.get()) {
    ensure_gdal();
    std::error_code ignored;
    std::filesystem::remove(output_->temporary(), ignored);
}

GeoPackageWriter::GeoPackageWriter(AtomicOutput& output) : output_(&output) {
    ensure_gdal();
    std::error_code ignored;
    std::filesystem::remove(output_->temporary(), ignored);
}

namespace {

/// A one-band in-memory raster of `type` placed on `spec`, to be copied into the GeoPackage.
GDALDatasetUniquePtr staged_raster(const GridSpec& spec, GDALDataType type) {
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    if (!mem) throw IoError("GDAL lacks the MEM driver");
    GDALDatasetUniquePtr source{mem->Create("", static_cast<int>(spec.width), static_cast<int>(spec.height), 1, type, nullptr)};
    const GeoTransform& t = spec.transform;
    double gt[6] = {t.west, t.dx, 0.0, t.north, 0.0, -t.dy};
    source->SetGeoTransform(gt);
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(spec.crs.c_str()) != OGRERR_NONE) throw IoError("unknown CRS " + spec.crs);
    source->SetSpatialRef(&srs);
    return source;
}

}  // namespace

void GeoPackageWriter::add_raster(const std::string& table, const Grid<float>& grid, const RasterDescription& description) {
    const int w = static_cast<int>(grid.width()), h = static_cast<int>(grid.height());
    GDALDatasetUniquePtr source = staged_raster(grid.spec(), GDT_Float32);
    GDALRasterBand* band = source->GetRasterBand(1);
    band->SetUnitType(description.unit.c_str());
    // GeoPackage stores no NaN nodata (and leaves all-nodata tiles out, which read back as the
    // nodata value): NaN becomes kNanNodata, a value no phusong raster holds.
    std::vector<float> values = grid.values();
    if (grid.nodata()) {
        const bool nan = std::isnan(*grid.nodata());
        if (nan)
            for (float& v : values)
                if (std::isnan(v)) v = kGeoPackageNanNodata;
        band->SetNoDataValue(nan ? kGeoPackageNanNodata : static_cast<double>(*grid.nodata()));
    }
    if (band->RasterIO(GF_Write, 0, 0, w, h, values.data(), w, h, GDT_Float32, 0, 0) != CE_None)
        throw IoError("cannot stage raster " + table + ": " + last_gdal_error());
    const std::string description_option = "RASTER_DESCRIPTION=" + description.name + " (" + description.unit + ")";
    // Pixel-is-area, as every phusong grid.
    copy_raster(table, *source, {description_option.c_str(), "TILE_FORMAT=TIFF", "GRID_CELL_ENCODING=grid-value-is-area"});
}

void GeoPackageWriter::add_paletted_raster(const std::string& table, const Grid<std::uint8_t>& grid,
                                           const std::vector<PaletteColour>& palette, const std::string& description) {
    const int w = static_cast<int>(grid.width()), h = static_cast<int>(grid.height());
    GDALDatasetUniquePtr source = staged_raster(grid.spec(), GDT_Byte);
    GDALRasterBand* band = source->GetRasterBand(1);
    GDALColorTable colours;
    const GDALColorEntry transparent{0, 0, 0, 0};
    colours.SetColorEntry(0, &transparent);
    for (const PaletteColour& c : palette) {
        const GDALColorEntry e{c.red, c.green, c.blue, 255};
        colours.SetColorEntry(c.code, &e);
    }
    band->SetColorTable(&colours);
    band->SetNoDataValue(0.0);
    std::vector<std::uint8_t> values = grid.values();
    if (band->RasterIO(GF_Write, 0, 0, w, h, values.data(), w, h, GDT_Byte, 0, 0) != CE_None)
        throw IoError("cannot stage raster " + table + ": " + last_gdal_error());
    const std::string description_option = "RASTER_DESCRIPTION=" + description;
    copy_raster(table, *source, {description_option.c_str(), "TILE_FORMAT=PNG"});
}

void GeoPackageWriter::copy_raster(const std::string& table, GDALDataset& source, std::vector<const char*> options) {
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!gpkg) throw IoError("GDAL lacks the GPKG driver");
    const std::string table_option = "RASTER_TABLE=" + table;
    options.push_back(table_option.c_str());
    if (!empty_) options.push_back("APPEND_SUBDATASET=YES");
    options.push_back(nullptr);
    CPLErrorReset();
    GDALDatasetUniquePtr written{gpkg->CreateCopy(output_->temporary().c_str(), &source, FALSE,
                                                  const_cast<char**>(options.data()), nullptr, nullptr)};
    if (!written) throw IoError("cannot write " + table + " into " + output_->target().string() + ": " + last_gdal_error());
    written.reset();
    if (CPLGetLastErrorType() >= CE_Failure)
        throw IoError("cannot finish " + table + " in " + output_->target().string() + ": " + last_gdal_error());
    empty_ = false;
}

namespace {

OGRFieldType ogr_type(FieldType t) {
    switch (t) {
        case FieldType::Integer: return OFTInteger64;
        case FieldType::Real: return OFTReal;
        case FieldType::Text: return OFTString;
    }
    return OFTString;
}

void set_field(OGRFeature& feature, int index, const FieldValue& value) {
    if (std::holds_alternative<std::monostate>(value)) feature.SetFieldNull(index);
    else if (const auto* i = std::get_if<std::int64_t>(&value)) feature.SetField(index, static_cast<GIntBig>(*i));
    else if (const auto* d = std::get_if<double>(&value)) feature.SetField(index, *d);
    else feature.SetField(index, std::get<std::string>(value).c_str());
}

}  // namespace

void GeoPackageWriter::add_vector_layer(const VectorLayer& layer) {
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!gpkg) throw IoError("GDAL lacks the GPKG driver");
    const std::string where = layer.name + " in " + output_->target().string();
    CPLErrorReset();
    GDALDatasetUniquePtr ds{empty_ ? gpkg->Create(output_->temporary().c_str(), 0, 0, 0, GDT_Unknown, nullptr)
                                   : GDALDataset::Open(output_->temporary().c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE)};
    if (!ds) throw IoError("cannot open " + where + ": " + last_gdal_error());
    empty_ = false;
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(layer.crs.c_str()) != OGRERR_NONE) throw IoError("unknown CRS " + layer.crs + " for " + where);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::string description = "DESCRIPTION=" + layer.description;
    const char* options[] = {description.c_str(), "SPATIAL_INDEX=YES", "FID=fid", nullptr};
    const OGRwkbGeometryType type = layer.geometry == LayerGeometry::Point ? wkbPoint : wkbMultiPolygon;
    OGRLayer* out = ds->CreateLayer(layer.name.c_str(), &srs, type, const_cast<char**>(options));
    if (!out) throw IoError("cannot create " + where + ": " + last_gdal_error());
    for (const FieldDefinition& f : layer.fields) {
        OGRFieldDefn defn(f.name.c_str(), ogr_type(f.type));
        if (out->CreateField(&defn) != OGRERR_NONE) throw IoError("cannot add field " + f.name + " to " + where + ": " + last_gdal_error());
    }
    if (ds->StartTransaction() != OGRERR_NONE) throw IoError("cannot write " + where + ": " + last_gdal_error());
    for (const VectorFeature& vf : layer.features) {
        OGRFeature feature(out->GetLayerDefn());
        OGRGeometry* geometry = nullptr;
        if (OGRGeometryFactory::createFromWkb(vf.wkb.data(), &srs, &geometry, vf.wkb.size()) != OGRERR_NONE)
            throw IoError("invalid geometry for " + where);
        if (layer.geometry == LayerGeometry::MultiPolygon) geometry = OGRGeometryFactory::forceToMultiPolygon(geometry);
        feature.SetGeometryDirectly(geometry);
        for (std::size_t i = 0; i < vf.values.size() && i < layer.fields.size(); ++i)
            set_field(feature, static_cast<int>(i), vf.values[i]);
        if (out->CreateFeature(&feature) != OGRERR_NONE) throw IoError("cannot write a feature of " + where + ": " + last_gdal_error());
    }
    if (ds->CommitTransaction() != OGRERR_NONE) throw IoError("cannot write " + where + ": " + last_gdal_error());
    ds.reset();
    if (CPLGetLastErrorType() >= CE_Failure) throw IoError("cannot finish " + where + ": " + last_gdal_error());
}

void GeoPackageWriter::add_layer_styles(const std::vector<LayerStyle>& styles) {
    if (empty_) throw IoError("GeoPackage " + output_->target().string() + ": styles need layers first");
    const std::string where = "layer_styles in " + output_->target().string();
    CPLErrorReset();
    GDALDatasetUniquePtr ds{GDALDataset::Open(output_->temporary().c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE)};
    if (!ds) throw IoError("cannot open " + where + ": " + last_gdal_error());
    // The table as QGIS creates it (QgsOgrProviderUtils), so QGIS finds and extends it.
    OGRLayer* table = ds->CreateLayer("layer_styles", nullptr, wkbNone, nullptr);
    if (!table) throw IoError("cannot create " + where + ": " + last_gdal_error());
    struct Column {
        const char* name;
        OGRFieldType type;
        int width;
    };
    for (const Column& c : {Column{"f_table_catalog", OFTString, 256}, Column{"f_table_schema", OFTString, 256},
                            Column{"f_table_name", OFTString, 256}, Column{"f_geometry_column", OFTString, 256},
                            Column{"styleName", OFTString, 30}, Column{"styleQML", OFTString, 0},
                            Column{"styleSLD", OFTString, 0}, Column{"useAsDefault", OFTInteger, 0},
                            Column{"description", OFTString, 0}, Column{"owner", OFTString, 30},
                            Column{"ui", OFTString, 30}, Column{"update_time", OFTDateTime, 0}}) {
        OGRFieldDefn field(c.name, c.type);
        field.SetWidth(c.width);
        if (std::string(c.name) == "useAsDefault") field.SetSubType(OFSTBoolean);
        if (table->CreateField(&field) != OGRERR_NONE) throw IoError("cannot create " + where + ": " + last_gdal_error());
    }
    for (const LayerStyle& style : styles) {
        OGRFeature row(table->GetLayerDefn());
        row.SetField("f_table_catalog", "");
        row.SetField("f_table_schema", "");
        row.SetField("f_table_name", style.table.c_str());
        row.SetField("f_geometry_column", style.geometry_column.c_str());
        row.SetField("styleName", style.name.c_str());
        row.SetField("styleQML", style.qml.c_str());
        row.SetField("styleSLD", "");
        row.SetField("useAsDefault", 1);
        row.SetField("description", style.description.c_str());
        if (table->CreateFeature(&row) != OGRERR_NONE) throw IoError("cannot write " + where + ": " + last_gdal_error());
    }
    ds.reset();
    if (CPLGetLastErrorType() >= CE_Failure) throw IoError("cannot finish " + where + ": " + last_gdal_error());
}

void GeoPackageWriter::set_metadata(const std::vector<std::pair<std::string, std::string>>& items) {
    if (empty_) throw IoError("GeoPackage " + output_->target().string() + ": metadata needs layers first");
    CPLErrorReset();
    GDALDatasetUniquePtr ds{GDALDataset::Open(output_->temporary().c_str(), GDAL_OF_VECTOR | GDAL_OF_RASTER | GDAL_OF_UPDATE)};
    if (!ds) throw IoError("cannot open " + output_->target().string() + ": " + last_gdal_error());
    for (const auto& [key, value] : items) ds->SetMetadataItem(key.c_str(), value.c_str());
    ds.reset();
    if (CPLGetLastErrorType() >= CE_Failure)
        throw IoError("cannot write metadata into " + output_->target().string() + ": " + last_gdal_error());
}

void GeoPackageWriter::commit() {
    if (empty_) throw IoError("GeoPackage " + output_->target().string() + " would be empty");
    if (!owned_) throw IoError("GeoPackage " + output_->target().string() + " is committed by its output set");
    output_->commit();
}

}  // namespace phusong
